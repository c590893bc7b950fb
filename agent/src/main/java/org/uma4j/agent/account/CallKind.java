package org.uma4j.agent.account;

/**
 * The {@code java.nio.ByteBuffer} factory methods whose call sites the agent rewrites, with the
 * matching hook in {@code org.uma4j.agent.bridge.BufferHooks} and the zone family they account to.
 */
public enum CallKind {
    /** {@code ByteBuffer.allocate(int)}: heap memory. */
    ALLOCATE("allocate", "(I)Ljava/nio/ByteBuffer;", "(II)Ljava/nio/ByteBuffer;", "heap"),
    /** {@code ByteBuffer.allocateDirect(int)}: native memory. */
    ALLOCATE_DIRECT("allocateDirect", "(I)Ljava/nio/ByteBuffer;", "(II)Ljava/nio/ByteBuffer;", "direct"),
    /** {@code ByteBuffer.wrap(byte[])}: a view of the caller's array, no new memory. */
    WRAP("wrap", "([B)Ljava/nio/ByteBuffer;", "([BI)Ljava/nio/ByteBuffer;", "wrap"),
    /** {@code ByteBuffer.wrap(byte[], int, int)}: a view of part of the caller's array. */
    WRAP_RANGE("wrap", "([BII)Ljava/nio/ByteBuffer;", "([BIII)Ljava/nio/ByteBuffer;", "wrap");

    private final String method; // JDK method name, also the hook's name
    private final String descriptor; // JDK method descriptor
    private final String hookDescriptor; // the same plus a trailing int site id
    private final String family; // zone family: heap, direct or wrap

    CallKind(String method, String descriptor, String hookDescriptor, String family) {
        this.method = method;
        this.descriptor = descriptor;
        this.hookDescriptor = hookDescriptor;
        this.family = family;
    }

    /**
     * Returns the kind of a static {@code java/nio/ByteBuffer} call, or null if not rewritten.
     *
     * @param name the invoked method's name
     * @param descriptor the invoked method's descriptor
     * @return the matching kind or null
     */
    public static CallKind of(String name, String descriptor) {
        for (CallKind k : values()) {
            if (k.method.equals(name) && k.descriptor.equals(descriptor)) {
                return k;
            }
        }
        return null;
    }

    /** @return the JDK method's name, which the hook shares */
    public String method() {
        return method;
    }

    /** @return the hook's descriptor: the JDK method's with an extra trailing {@code int} */
    public String hookDescriptor() {
        return hookDescriptor;
    }

    /** @return the zone family: {@code heap}, {@code direct} or {@code wrap} */
    public String family() {
        return family;
    }
}
