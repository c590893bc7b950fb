package org.uma4j.agent.account;

/**
 * The calls whose sites the agent rewrites: the {@code java.nio.ByteBuffer} factories, redirected
 * to a hook in {@code org.uma4j.agent.bridge.BufferHooks} that accounts them; and the allocator's
 * {@code Zone.alloc}/{@code free} and the mbuf API's {@code get}/{@code gethdr}/{@code getcl}/{@code free}/
 * {@code freem}, redirected to their own overloads that take a site id, so the
 * allocator and its debug layer know the caller's line without a stack walk.
 */
public enum CallKind {
    /** {@code ByteBuffer.allocate(int)}: heap memory. */
    ALLOCATE(Owners.BYTE_BUFFER, "allocate", "(I)Ljava/nio/ByteBuffer;",
            Owners.BRIDGE, "(II)Ljava/nio/ByteBuffer;", "heap"),
    /** {@code ByteBuffer.allocateDirect(int)}: native memory. */
    ALLOCATE_DIRECT(Owners.BYTE_BUFFER, "allocateDirect", "(I)Ljava/nio/ByteBuffer;",
            Owners.BRIDGE, "(II)Ljava/nio/ByteBuffer;", "direct"),
    /** {@code ByteBuffer.wrap(byte[])}: a view of the caller's array, no new memory. */
    WRAP(Owners.BYTE_BUFFER, "wrap", "([B)Ljava/nio/ByteBuffer;", Owners.BRIDGE, "([BI)Ljava/nio/ByteBuffer;", "wrap"),
    /** {@code ByteBuffer.wrap(byte[], int, int)}: a view of part of the caller's array. */
    WRAP_RANGE(Owners.BYTE_BUFFER, "wrap", "([BII)Ljava/nio/ByteBuffer;",
            Owners.BRIDGE, "([BIII)Ljava/nio/ByteBuffer;", "wrap"),
    /** {@code Zone.alloc()}: becomes {@code alloc(WAITOK, site)}, the same call with a site. */
    ZONE_ALLOC(Owners.ZONE, "alloc", "()Lorg/uma4j/alloc/Item;", Owners.ZONE, "(II)Lorg/uma4j/alloc/Item;", "zone"),
    /** {@code Zone.alloc(int flags)}: becomes {@code alloc(flags, site)}. */
    ZONE_ALLOC_FLAGS(Owners.ZONE, "alloc", "(I)Lorg/uma4j/alloc/Item;", Owners.ZONE, "(II)Lorg/uma4j/alloc/Item;", "zone"),
    /** {@code Zone.free(item)}: becomes {@code free(item, site)}. */
    ZONE_FREE(Owners.ZONE, "free", "(Lorg/uma4j/alloc/Item;)V", Owners.ZONE, "(Lorg/uma4j/alloc/Item;I)V", "zone"),
    /** {@code Mbufs.get(how, type)}: becomes {@code get(how, type, site)}. */
    MBUF_GET(Owners.MBUFS, "get", "(II)" + Owners.MBUF_T, Owners.MBUFS, "(III)" + Owners.MBUF_T, "zone"),
    /** {@code Mbufs.gethdr(how, type)}: becomes {@code gethdr(how, type, site)}. */
    MBUF_GETHDR(Owners.MBUFS, "gethdr", "(II)" + Owners.MBUF_T, Owners.MBUFS, "(III)" + Owners.MBUF_T, "zone"),
    /** {@code Mbufs.getcl(how, type, flags)}: becomes {@code getcl(how, type, flags, site)}. */
    MBUF_GETCL(Owners.MBUFS, "getcl", "(III)" + Owners.MBUF_T, Owners.MBUFS, "(IIII)" + Owners.MBUF_T, "zone"),
    /** {@code Mbuf.free()}: becomes {@code free(site)}. */
    MBUF_FREE(Owners.MBUF, "free", "()" + Owners.MBUF_T, Owners.MBUF, "(I)" + Owners.MBUF_T, "zone"),
    /** {@code Mbuf.freem()}: becomes {@code freem(site)}. */
    MBUF_FREEM(Owners.MBUF, "freem", "()V", Owners.MBUF, "(I)V", "zone");

    private final String owner; // internal name of the called class
    private final String method; // called method's name, kept by the replacement
    private final String descriptor; // called method's descriptor
    private final String targetOwner; // internal name of the replacement's class
    private final String targetDescriptor; // the replacement's descriptor: the original's plus int(s)
    private final String family; // zone family of ByteBuffer calls; "zone" for allocator calls

    CallKind(String owner, String method, String descriptor, String targetOwner, String targetDescriptor, String family) {
        this.owner = owner;
        this.method = method;
        this.descriptor = descriptor;
        this.targetOwner = targetOwner;
        this.targetDescriptor = targetDescriptor;
        this.family = family;
    }

    /**
     * Returns the kind of a call, or null if the call is not rewritten.
     *
     * @param owner the called class's internal name
     * @param name the called method's name
     * @param descriptor the called method's descriptor
     * @return the matching kind or null
     */
    public static CallKind of(String owner, String name, String descriptor) {
        for (CallKind k : values()) {
            if (k.method.equals(name) && k.descriptor.equals(descriptor) && k.owner.equals(owner)) {
                return k;
            }
        }
        return null;
    }

    /** @return whether the call is a {@code ByteBuffer} factory, accounted by the agent */
    public boolean accounted() {
        return owner.equals(Owners.BYTE_BUFFER);
    }

    /** @return whether the replacement needs {@code Zone.WAITOK} pushed before the site id */
    public boolean pushesWaitFlag() {
        return this == ZONE_ALLOC;
    }

    /** @return the called class's internal name */
    public String owner() {
        return owner;
    }

    /** @return the called method's name, which the replacement shares */
    public String method() {
        return method;
    }

    /** @return the replacement's class (internal name) */
    public String targetOwner() {
        return targetOwner;
    }

    /** @return the replacement's descriptor */
    public String targetDescriptor() {
        return targetDescriptor;
    }

    /**
     * Returns the descriptor of the replacement that takes the site's cell instead of its id (the
     * form a Java 11+ class file calls, see {@code BufferHooks}).
     *
     * @return the descriptor, its last {@code int} parameter replaced by {@code SiteCell}
     * @throws IllegalStateException for a call that is not accounted ({@link #accounted()} false)
     */
    public String cellDescriptor() {
        if (!accounted()) {
            throw new IllegalStateException(this + " takes a site id, not a cell (expected a ByteBuffer factory)");
        }
        int last = targetDescriptor.lastIndexOf("I)");
        return targetDescriptor.substring(0, last) + "L" + Owners.SITE_CELL + ";" + targetDescriptor.substring(last + 1);
    }

    /** @return the zone family: {@code heap}, {@code direct}, {@code wrap}, or {@code zone} for allocator calls */
    public String family() {
        return family;
    }

    /** Internal names of the classes involved. */
    public static final class Owners {
        /** {@code java.nio.ByteBuffer}. */
        public static final String BYTE_BUFFER = "java/nio/ByteBuffer";
        /** The bridge's hooks. */
        public static final String BRIDGE = "org/uma4j/agent/bridge/BufferHooks";
        /** A call site's counts in the bridge, the constant a Java 11+ call site passes. */
        public static final String SITE_CELL = "org/uma4j/agent/bridge/SiteCell";
        /** The allocator's {@code Zone}. */
        public static final String ZONE = "org/uma4j/alloc/Zone";
        /** The mbuf family, {@code org.uma4j.mbuf.Mbufs}. */
        public static final String MBUFS = "org/uma4j/mbuf/Mbufs";
        /** The mbuf, {@code org.uma4j.mbuf.Mbuf}. */
        public static final String MBUF = "org/uma4j/mbuf/Mbuf";
        /** The mbuf's type descriptor. */
        static final String MBUF_T = "L" + MBUF + ";";

        private Owners() {
        }
    }
}
