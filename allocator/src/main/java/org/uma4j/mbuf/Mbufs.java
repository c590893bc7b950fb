package org.uma4j.mbuf;

import static org.uma4j.mbuf.MbufDescriptor.MCLBYTES;
import static org.uma4j.mbuf.MbufDescriptor.MHLEN;
import static org.uma4j.mbuf.MbufDescriptor.MINCLSIZE;
import static org.uma4j.mbuf.MbufDescriptor.MJUM16BYTES;
import static org.uma4j.mbuf.MbufDescriptor.MJUM9BYTES;
import static org.uma4j.mbuf.MbufDescriptor.MJUMPAGESIZE;
import static org.uma4j.mbuf.MbufDescriptor.MSIZE;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Item;
import org.uma4j.alloc.Reclaim;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneRegistry;

/**
 * An mbuf family (mbuma): the zones {@code mbuf}, {@code cluster}, {@code packet} (a secondary
 * zone on the mbuf keg whose cached mbufs keep a cluster attached), {@code jumbop},
 * {@code jumbo9} and {@code jumbo16}, their limits, and the allocation calls of FreeBSD's
 * mbuf API. Chain routines are in {@link MbufChain}.
 *
 * <pre>{@code
 * Mbufs mbufs = Mbufs.global();                           // or Mbufs.builder().registry(r).build()
 * Mbuf m = mbufs.getcl(Zone.WAITOK, Mbuf.MT_DATA, Mbuf.M_PKTHDR); // one cache pop
 * ...
 * m.freem();
 * System.out.print(mbufs.netstat());                      // netstat -m
 * }</pre>
 *
 * <p><b>Why the packet zone.</b> Its init allocates a cluster and attaches it, its fini
 * detaches and frees it, so {@link #getcl} and the free of such a pair are one cache pop and
 * one cache push. The cost: clusters parked in the packet zone's caches are allocated from the
 * cluster zone's point of view, which {@link MbufStats} accounts for, and which a cluster
 * shortage recovers by draining the packet zone before it fails or sleeps.
 *
 * <p><b>Limits</b> ({@code nmbclusters}, {@code nmbufs}, {@code nmbjumbop}, {@code nmbjumbo9},
 * {@code nmbjumbo16}; 0 = unlimited): by default a quarter of half the maximum heap for
 * clusters and for page jumbos, a sixth each for 9k and 16k jumbos, and for mbufs a fifth,
 * raised to cover all clusters (FreeBSD's {@code tunable_mbinit}); system properties
 * {@code uma4j.nmbclusters} and so on override them, and setters change them at run time.
 *
 * <p><b>NOWAIT and WAITOK.</b> Every allocating call takes {@link Zone#NOWAIT} (may return
 * null; counted as denied) or {@link Zone#WAITOK} (sleeps at a limit, counted as delayed;
 * never returns null).
 *
 * <p>Threading: all methods may be called from any thread; the zones do their own locking.
 */
public final class Mbufs {
    private static final ClusterShortage SHORTAGE = new ClusterShortage();
    private static final long WAIT_SLICE_MILLIS = 100; // a WAITOK cluster sleep rechecks parked clusters this often

    final Zone<Mbuf> mbufZone;          // plain mbufs
    final Zone<Mbuf> packetZone;        // secondary on the mbuf keg: mbufs with a cluster attached
    final Zone<Buf> clusterZone;        // 2 KiB clusters
    final Zone<Buf> jumbopZone;         // page-size jumbo clusters
    final Zone<Buf> jumbo9Zone;         // 9 KiB jumbo clusters
    final Zone<Buf> jumbo16Zone;        // 16 KiB jumbo clusters
    private final LongAdder packetFails = new LongAdder(); // getcl NOWAIT denied for want of a cluster
    private final LongAdder drains = new LongAdder();      // packet zone drains (calls to drain routines)

    private Mbufs(MbufsBuilder b) {
        ZoneRegistry reg = b.registry;
        mbufZone = Zone.builder("mbuf", MSIZE, slot -> new Mbuf(slot, this))
                .registry(reg).limit(b.nmbufs).warning("uma4j.nmbufs limit reached")
                .ctor((m, arg) -> m.init((int) (arg >>> 32), (int) arg))
                .build();
        clusterZone = clusterZone(reg, "cluster", MCLBYTES, b.nmbclusters, "uma4j.nmbclusters");
        packetZone = mbufZone.secondary("packet")
                .refcount()
                .buckets(16, 128) // sized as for the 2 KiB each cached pair really holds
                .cacheBytes(b.packetCacheBytes)
                .init((m, arg) -> attachPacketCluster(m))
                .fini((m, arg) -> m.ext.release())
                .ctor((m, arg) -> m.initHeader((int) (arg >>> 32), (int) arg | Mbuf.M_EXT))
                .build();
        jumbopZone = clusterZone(reg, "jumbop", MJUMPAGESIZE, b.nmbjumbop, "uma4j.nmbjumbop");
        jumbo9Zone = clusterZone(reg, "jumbo9", MJUM9BYTES, b.nmbjumbo9, "uma4j.nmbjumbo9");
        jumbo16Zone = clusterZone(reg, "jumbo16", MJUM16BYTES, b.nmbjumbo16, "uma4j.nmbjumbo16");
    }

    private Zone<Buf> clusterZone(ZoneRegistry reg, String name, int size, long limit, String tunable) {
        var zb = Zone.builder(name, size).registry(reg).refcount().limit(limit).warning(tunable + " limit reached");
        if (size == MCLBYTES) {
            // At the cluster limit, give back the clusters parked in the packet zone's bucket
            // cache (FreeBSD's mb_reclaim with UMA_RECLAIM_DRAIN). DRAIN, not DRAIN_CPU: this may
            // run inside the packet zone's own bucket fill, whose thread cache must stay untouched.
            zb.maxAction(z -> {
                drains.increment();
                packetZone.reclaim(Reclaim.DRAIN);
            });
        }
        return zb.build();
    }

    /** Packet zone init: the expensive attach that survives reuse (FreeBSD mb_zinit_pack). */
    private void attachPacketCluster(Mbuf m) {
        Buf cl = clusterZone.alloc(Zone.NOWAIT);
        if (cl == null) {
            throw SHORTAGE; // fails this import; getcl sees it and decides
        }
        m.init(Mbuf.MT_DATA, 0);
        m.attach(cl, m, Mbuf.EXT_PACKET);
    }

    /** Returns a builder for a family; tests give each family its own registry. */
    public static MbufsBuilder builder() {
        return new MbufsBuilder();
    }

    /** Returns the process-wide family in {@link ZoneRegistry#global()}, created on first use. */
    public static Mbufs global() {
        return Global.FAMILY;
    }

    private static final class Global {
        static final Mbufs FAMILY = new MbufsBuilder().build();
    }

    static Mbufs create(MbufsBuilder b) {
        return new Mbufs(b);
    }

    /** Allocates an mbuf with internal storage (FreeBSD {@code m_get}). */
    public Mbuf get(int how, int type) {
        return get(how, type, 0);
    }

    /** As {@link #get(int, int)}, on behalf of call site {@code site} (the agent passes it). */
    public Mbuf get(int how, int type, int site) {
        return mbufZone.alloc(checkHow(how), site, ctorArg(type, 0));
    }

    /** Allocates a packet-header mbuf with internal storage (FreeBSD {@code m_gethdr}). */
    public Mbuf gethdr(int how, int type) {
        return gethdr(how, type, 0);
    }

    /** As {@link #gethdr(int, int)}, on behalf of call site {@code site}. */
    public Mbuf gethdr(int how, int type, int site) {
        return mbufZone.alloc(checkHow(how), site, ctorArg(type, Mbuf.M_PKTHDR));
    }

    /**
     * Allocates an mbuf with a 2 KiB cluster attached: one pop from the packet zone
     * (FreeBSD {@code m_getcl}).
     *
     * @param flags 0, or {@link Mbuf#M_PKTHDR} and/or {@link Mbuf#M_EOR}
     * @return the mbuf; null only with NOWAIT when clusters are short
     */
    public Mbuf getcl(int how, int type, int flags) {
        return getcl(how, type, flags, 0);
    }

    /** As {@link #getcl(int, int, int)}, on behalf of call site {@code site} (the agent passes it). */
    public Mbuf getcl(int how, int type, int flags, int site) {
        long arg = ctorArg(type, flags);
        checkHow(how);
        try {
            return packetZone.alloc(how, site, arg);
        } catch (ClusterShortage first) {
            return getclSlow(how, arg, site);
        }
    }

    private Mbuf getclSlow(int how, long arg, int site) {
        try {
            return packetZone.alloc(how, site, arg); // the failed fill may have imported some pairs
        } catch (ClusterShortage again) {
            if (how == Zone.NOWAIT) {
                packetFails.increment();
                return null;
            }
        }
        // WAITOK: build the pair from the primary zones, sleeping for the cluster if need be.
        Mbuf m = mbufZone.alloc(Zone.WAITOK, site, arg);
        Buf cl = allocCluster(clusterZone, Zone.WAITOK);
        m.attach(cl, cl, Mbuf.EXT_CLUSTER);
        return m;
    }

    /**
     * Attaches a 2 KiB cluster to {@code m} (FreeBSD {@code m_clget}); on a NOWAIT shortage it
     * drains the packet zone and retries.
     *
     * @param m an mbuf without data or external storage
     * @return true if a cluster was attached (FreeBSD's {@code M_EXT} test)
     */
    public boolean clget(Mbuf m, int how) {
        return cljget(m, how, MCLBYTES) != null;
    }

    /**
     * Allocates a cluster of {@code size} bytes and attaches it to {@code m}, or returns it bare
     * when {@code m} is null (FreeBSD {@code m_cljget}). A bare cluster is freed with
     * {@link Buf#release()}.
     *
     * @param size {@value MbufDescriptor#MCLBYTES}, {@value MbufDescriptor#MJUMPAGESIZE},
     *     {@value MbufDescriptor#MJUM9BYTES} or {@value MbufDescriptor#MJUM16BYTES}
     * @return the cluster, or null (NOWAIT only)
     */
    public Buf cljget(Mbuf m, int how, int size) {
        Zone<Buf> z = zoneFor(size);
        checkHow(how);
        if (m != null) {
            checkBare(m);
        }
        Buf cl = allocCluster(z, how);
        if (cl != null && m != null) {
            m.attach(cl, cl, extTypeFor(size));
        }
        return cl;
    }

    /**
     * Allocates an mbuf with a cluster of {@code size} bytes (FreeBSD {@code m_getjcl}); 2 KiB
     * comes from the packet zone.
     */
    public Mbuf getjcl(int how, int type, int flags, int size) {
        if (size == MCLBYTES) {
            return getcl(how, type, flags);
        }
        Zone<Buf> z = zoneFor(size);
        Mbuf m = mbufZone.alloc(checkHow(how), 0, ctorArg(type, flags));
        if (m == null) {
            return null;
        }
        Buf cl = allocCluster(z, how);
        if (cl == null) {
            m.free();
            return null;
        }
        m.attach(cl, cl, extTypeFor(size));
        return m;
    }

    /**
     * Allocates the smallest mbuf that holds {@code size} bytes: internal storage, a packet
     * zone pair, or a page jumbo (FreeBSD {@code m_get2}).
     *
     * @param size 0 to {@value MbufDescriptor#MJUMPAGESIZE}
     */
    public Mbuf get2(int size, int how, int type, int flags) {
        if (size < 0 || size > MJUMPAGESIZE) {
            throw new IllegalArgumentException("size: " + size + " (expected: 0.." + MJUMPAGESIZE
                    + "; use getjcl for 9k and 16k clusters)");
        }
        if (size <= MHLEN) {
            return mbufZone.alloc(checkHow(how), 0, ctorArg(type, flags));
        }
        return getjcl(how, type, flags, size <= MCLBYTES ? MCLBYTES : MJUMPAGESIZE);
    }

    /**
     * Appends to {@code m} (or makes, when null) enough empty mbufs to hold {@code len} bytes:
     * page jumbos, then packet pairs, then plain mbufs (FreeBSD {@code m_getm2}). Each new
     * mbuf has length 0. On failure the new mbufs are freed, {@code m} is left as it was, and
     * null is returned.
     *
     * @param flags {@link Mbuf#M_PKTHDR} (first new mbuf, only if {@code m} is null), {@link Mbuf#M_EOR} (last)
     */
    public Mbuf getm2(Mbuf m, int len, int how, int type, int flags) {
        if (len < 0) {
            throw new IllegalArgumentException("len: " + len + " (expected: >= 0)");
        }
        ctorArg(type, flags);
        checkHow(how);
        int f = flags & (Mbuf.M_PKTHDR | Mbuf.M_EOR);
        if (m != null) {
            f &= ~Mbuf.M_PKTHDR;
        }
        Mbuf head = null;
        Mbuf tail = null;
        while (len > 0) {
            int hdr = f & Mbuf.M_PKTHDR;
            Mbuf mb = len >= MJUMPAGESIZE ? getjcl(how, type, hdr, MJUMPAGESIZE)
                    : len >= MINCLSIZE ? getcl(how, type, hdr)
                    : mbufZone.alloc(how, 0, ctorArg(type, hdr));
            if (mb == null) {
                if (head != null) {
                    head.freem();
                }
                return null;
            }
            len -= mb.size;
            if (tail == null) {
                head = mb;
            } else {
                tail.next = mb;
            }
            tail = mb;
            f &= ~Mbuf.M_PKTHDR;
        }
        if (tail != null && (f & Mbuf.M_EOR) != 0) {
            tail.flags |= Mbuf.M_EOR;
        }
        if (m == null) {
            return head;
        }
        Mbuf last = m;
        while (last.next != null) {
            last = last.next;
        }
        last.next = head;
        if (head != null) {
            last.flags &= ~Mbuf.M_EOR;
        }
        return m;
    }

    /**
     * Gives back every packet-zone pair cached anywhere, detaching their clusters
     * (FreeBSD's {@code mb_reclaim}; counted as a call to a drain routine). Other live threads
     * give theirs back at their next slow path.
     */
    public void drain() {
        drains.increment();
        packetZone.reclaim(Reclaim.DRAIN_CPU);
    }

    /** Allocates a cluster; on shortage drains the packet zone, retries, then fails or sleeps. */
    private Buf allocCluster(Zone<Buf> z, int how) {
        Buf cl = z.alloc(Zone.NOWAIT);
        return cl != null ? cl : allocClusterSlow(z, how);
    }

    private Buf allocClusterSlow(Zone<Buf> z, int how) {
        boolean wait = how == Zone.WAITOK && z == clusterZone;
        if (wait) {
            // Counted in as a sleeper of the packet zone before the drain: from now on a pair
            // freed on any thread bypasses the caches for the keg, whose fini hands its cluster
            // to us (FreeBSD's mb_dtor_pack), and each thread's next slow path in the packet zone
            // flushes the pairs it has cached (the drain's DRAIN_CPU). No free path reads more.
            packetZone.addSleepers(1);
        }
        try {
            if (z == clusterZone) {
                drain();
                Buf cl = z.alloc(Zone.NOWAIT);
                if (cl != null || how == Zone.NOWAIT) {
                    return cl;
                }
            } else if (how == Zone.NOWAIT) {
                return null;
            }
            return z == clusterZone ? sleepForCluster() : z.alloc(Zone.WAITOK);
        } finally {
            if (wait) {
                packetZone.addSleepers(-1);
            }
        }
    }

    /**
     * Sleeps for a cluster in slices, draining the packet zone between them. A free wakes the
     * sleeper at once; the slices are for clusters no free will bring back: parked in a pair in
     * the cache of a thread that has since ended (the drain adopts such caches) or of a live
     * thread (asked to flush at its next trip to the zone). Each slice counts as a SLEEP.
     */
    private Buf sleepForCluster() {
        for (;;) {
            Buf cl = clusterZone.allocWait(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
            if (cl != null) {
                return cl;
            }
            drain();
            cl = clusterZone.alloc(Zone.NOWAIT);
            if (cl != null) {
                return cl;
            }
        }
    }

    /**
     * Frees one mbuf that {@link Mbuf#free(int)} did not send home at once: a plain mbuf, a
     * shadow, a packet that is (or may be) shared, or any mbuf of a zone with debug hooks. Its
     * storage reference goes first, then the header. An mbuf that goes home keeps its links:
     * every ctor clears them (FreeBSD's {@code m_init}). No check for cluster sleepers on the
     * sole-owned packet's path: they count themselves in as the packet zone's sleepers, which
     * its own free path reads anyway (see allocClusterSlow).
     */
    void free(Mbuf m, int site) {
        if (!m.isAllocated() || (m.flags & Mbuf.M_FREED) != 0) {
            throw new IllegalStateException("uma4j: duplicate free of " + m + " (expected: an allocated mbuf)");
        }
        if (packetZone.isExhausted()) {
            drain(); // a cluster sleeper: a thread freeing other mbufs gives its cached pairs too
        }
        if ((m.flags & Mbuf.M_EXT) == 0) {
            mbufZone.free(m, site);
        } else if (m.extRef == m) {
            freeOwner(m, site);
        } else {
            freeShadow(m, site);
        }
    }

    /**
     * Frees an owning packet mbuf that may be shared: it carries its cluster's count, so it
     * stays allocated until the last sharer lets go; then pair and cluster go back to the
     * packet zone together.
     */
    private static void freeOwner(Mbuf m, int site) {
        // Unlinked and marked until the last sharer lets go. Plain writes: our release of refs
        // (a CAS, or our own free) orders them before any reuse of m by the last releaser.
        m.next = null;
        m.nextPkt = null;
        m.flags |= Mbuf.M_FREED;
        m.release(site);
    }

    /** Frees a plain mbuf that shares a cluster: drops its reference, then goes home itself. */
    private void freeShadow(Mbuf m, int site) {
        Item ref = m.extRef;
        m.ext = null;
        m.extRef = null;
        m.flags &= ~Mbuf.M_EXT;
        // A shadow is always a plain mbuf: packet-zone mbufs own their cluster (extRef == m).
        ref.release(site); // last reference: the cluster, or the owning packet mbuf, goes home
        mbufZone.free(m, site);
    }

    private Zone<Buf> zoneFor(int size) {
        switch (size) {
            case MCLBYTES:
                return clusterZone;
            case MJUMPAGESIZE:
                return jumbopZone;
            case MJUM9BYTES:
                return jumbo9Zone;
            case MJUM16BYTES:
                return jumbo16Zone;
            default:
                throw new IllegalArgumentException("size: " + size + " (expected: " + MCLBYTES + ", "
                        + MJUMPAGESIZE + ", " + MJUM9BYTES + " or " + MJUM16BYTES + ")");
        }
    }

    private static int extTypeFor(int size) {
        return size == MCLBYTES ? Mbuf.EXT_CLUSTER : size == MJUMPAGESIZE ? Mbuf.EXT_JUMBOP
                : size == MJUM9BYTES ? Mbuf.EXT_JUMBO9 : Mbuf.EXT_JUMBO16;
    }

    private static void checkBare(Mbuf m) {
        if ((m.flags & Mbuf.M_EXT) != 0 || m.len != 0) {
            throw new IllegalArgumentException("m: " + m + " (expected: an mbuf with no data and no external storage)");
        }
    }

    static int checkHow(int how) {
        if (how != Zone.NOWAIT && how != Zone.WAITOK) {
            throw new IllegalArgumentException("how: " + how + " (expected: Zone.NOWAIT (1) or Zone.WAITOK (2))");
        }
        return how;
    }

    static long ctorArg(int type, int flags) {
        if (type <= 0 || type > 255) {
            throw new IllegalArgumentException("type: " + type + " (expected: 1..255, an MT_* type)");
        }
        if ((flags & ~(Mbuf.M_PKTHDR | Mbuf.M_EOR)) != 0) {
            throw new IllegalArgumentException("flags: 0x" + Integer.toHexString(flags)
                    + " (expected: 0, M_PKTHDR, M_EOR or both)");
        }
        return ((long) type << 32) | flags;
    }

    /** Returns the cluster limit, 0 for none. */
    public long nmbclusters() {
        return clusterZone.limit();
    }

    /** Sets the cluster limit at run time; 0 removes it. */
    public void setNmbclusters(long n) {
        clusterZone.setLimit(MbufsBuilder.checkLimit("nmbclusters", n));
    }

    /** Returns the mbuf limit, 0 for none. */
    public long nmbufs() {
        return mbufZone.limit();
    }

    /** Sets the mbuf limit at run time; 0 removes it. */
    public void setNmbufs(long n) {
        mbufZone.setLimit(MbufsBuilder.checkLimit("nmbufs", n));
    }

    /** Returns the page-jumbo limit, 0 for none. */
    public long nmbjumbop() {
        return jumbopZone.limit();
    }

    /** Sets the page-jumbo limit at run time; 0 removes it. */
    public void setNmbjumbop(long n) {
        jumbopZone.setLimit(MbufsBuilder.checkLimit("nmbjumbop", n));
    }

    /** Returns the 9k-jumbo limit, 0 for none. */
    public long nmbjumbo9() {
        return jumbo9Zone.limit();
    }

    /** Sets the 9k-jumbo limit at run time; 0 removes it. */
    public void setNmbjumbo9(long n) {
        jumbo9Zone.setLimit(MbufsBuilder.checkLimit("nmbjumbo9", n));
    }

    /** Returns the 16k-jumbo limit, 0 for none. */
    public long nmbjumbo16() {
        return jumbo16Zone.limit();
    }

    /** Sets the 16k-jumbo limit at run time; 0 removes it. */
    public void setNmbjumbo16(long n) {
        jumbo16Zone.setLimit(MbufsBuilder.checkLimit("nmbjumbo16", n));
    }

    /** Returns the mbuf zone. */
    public Zone<Mbuf> mbufZone() {
        return mbufZone;
    }

    /** Returns the packet zone (secondary on the mbuf keg). */
    public Zone<Mbuf> packetZone() {
        return packetZone;
    }

    /** Returns the zone of clusters of {@code size} bytes. */
    public Zone<Buf> clusterZone(int size) {
        return zoneFor(size);
    }

    /** Returns the family's statistics, with FreeBSD's derivations (see {@link MbufStats}). */
    public MbufStats stats() {
        return new MbufStats(mbufZone.stats(), packetZone.stats(), clusterZone.stats(), jumbopZone.stats(),
                jumbo9Zone.stats(), jumbo16Zone.stats(), packetFails.sum(), drains.sum());
    }

    /** Returns the {@code netstat -m} text for this family. */
    public String netstat() {
        return stats().render();
    }

    /** Thrown by the packet zone's init when no cluster is to be had; never reaches callers. */
    private static final class ClusterShortage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClusterShortage() {
            super("uma4j: cluster shortage in packet zone init", null, false, false);
        }
    }
}
