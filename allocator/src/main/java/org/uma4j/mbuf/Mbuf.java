package org.uma4j.mbuf;

import java.nio.ByteBuffer;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Item;
import org.uma4j.alloc.ItemSlot;

/**
 * One mbuf: a header (chain links, data window, flags, optional packet header) over either
 * its own {@value MbufDescriptor#MLEN} internal bytes or an attached cluster. The layout is
 * drawn in {@link MbufDescriptor}; allocation is in {@link Mbufs}, chain routines in
 * {@link MbufChain}.
 *
 * <pre>{@code
 * Mbuf m = mbufs.getcl(Zone.NOWAIT, Mbuf.MT_DATA, Mbuf.M_PKTHDR);
 * if (m == null) return;                               // cluster shortage
 * MbufChain.append(m, payload, 0, payload.length, Zone.NOWAIT);
 * channel.write(m.dataBuffer());
 * m.freem();
 * }</pre>
 *
 * <p><b>Reference counts</b> (assumptions and guarantees):
 * <ol>
 *   <li>Cluster storage is shared, never copied, by {@link MbufChain#copym}, {@link MbufChain#copypacket}
 *       and {@link MbufChain#split}; each mbuf that points at it holds one reference.</li>
 *   <li>The count lives on one item, {@code extRef}: the cluster item itself for clusters
 *       attached by {@link Mbufs#clget} or {@link Mbufs#cljget}, and the owning packet mbuf for a
 *       cluster that came from the packet zone. An owning packet mbuf freed while others still
 *       share its cluster stays allocated, unlinked, until the last reference is dropped; then
 *       mbuf and cluster go back to the packet zone together, still attached.</li>
 *   <li>The storage goes back to its zone exactly once, on the last release.</li>
 *   <li>Shared storage is read-only: {@link #isWritable()} is false while the count is above 1,
 *       leading and trailing space read 0, and {@link MbufData#copyback} refuses to write.</li>
 * </ol>
 *
 * <p>Threading: an mbuf chain belongs to one owner at a time, like any allocation; hand it
 * over with a happens-before edge (a queue, a lock). Only the reference count on shared
 * storage is atomic, so chains that share clusters may be freed on different threads.
 */
public final class Mbuf extends Item {
    /** Flag: the data is in external storage (a cluster). */
    public static final int M_EXT = 0x1;
    /** Flag: the first mbuf of a packet; {@link #pktLen()} is valid. */
    public static final int M_PKTHDR = 0x2;
    /** Flag: end of record. */
    public static final int M_EOR = 0x4;
    /** Flag: the storage is read-only whatever its reference count. */
    public static final int M_RDONLY = 0x8;
    /** Flag: sent or received as link-level broadcast. */
    public static final int M_BCAST = 0x10;
    /** Flag: sent or received as link-level multicast. */
    public static final int M_MCAST = 0x20;
    /** Flags a caller may set and clear with {@link #addFlags} and {@link #clearFlags}. */
    public static final int M_USERFLAGS = M_EOR | M_RDONLY | M_BCAST | M_MCAST;
    /** Flags copied with a packet header. */
    static final int M_COPYFLAGS = M_PKTHDR | M_EOR | M_BCAST | M_MCAST;
    /**
     * Internal flag: an owning packet mbuf freed by its user while its cluster is still shared
     * (it stays allocated until the last sharer lets go). Kept in {@code flags} rather than a
     * field of its own so that the ctor's {@code flags} store clears it for free.
     */
    static final int M_FREED = 0x4000_0000;

    /** Type: dynamic data. */
    public static final int MT_DATA = 1;
    /** Type: packet header (the same as data, as in FreeBSD). */
    public static final int MT_HEADER = MT_DATA;
    /** Type: control message. */
    public static final int MT_CONTROL = 14;
    /** Type: out-of-band data. */
    public static final int MT_OOBDATA = 15;

    /** External storage type: 2 KiB cluster from the cluster zone. */
    public static final int EXT_CLUSTER = 1;
    /** External storage type: page-size jumbo cluster. */
    public static final int EXT_JUMBOP = 3;
    /** External storage type: 9 KiB jumbo cluster. */
    public static final int EXT_JUMBO9 = 4;
    /** External storage type: 16 KiB jumbo cluster. */
    public static final int EXT_JUMBO16 = 5;
    /** External storage type: 2 KiB cluster kept attached by the packet zone. */
    public static final int EXT_PACKET = 6;

    /** Length meaning "to the end of the chain" for {@link MbufChain#copym}. */
    public static final int COPYALL = Integer.MAX_VALUE;

    final Mbufs family;              // the family whose zones own this mbuf; set once
    private final ByteBuffer inner;  // heap view of the item's own MSIZE bytes, made once

    // Header: owner of the allocation.
    Mbuf next;          // next mbuf of the same packet (m_next)
    Mbuf nextPkt;       // next packet in a queue (m_nextpkt)
    byte[] buf;         // storage array: the item's slab memory, or the cluster's
    int base;           // first storage byte in buf
    int size;           // storage bytes (M_SIZE)
    int data;           // first data byte, relative to base (m_data)
    int len;            // data bytes (m_len)
    int flags;          // M_* flags, and M_FREED; a plain field, see Mbufs.freeOwner
    int type;           // MT_* type
    int pktLen;         // packet header: total length of the packet; valid with M_PKTHDR
    Buf ext;            // external storage, null without M_EXT
    Item extRef;        // the item holding the reference count: ext, or the owning packet mbuf
    int extType;        // EXT_*, 0 without M_EXT

    Mbuf(ItemSlot slot, Mbufs family) {
        super(slot);
        this.family = family;
        this.inner = ByteBuffer.wrap(memory(), memoryOffset(), MbufDescriptor.MSIZE).slice();
    }

    /**
     * The mbuf zone's ctor (FreeBSD {@code m_init}): an empty header over internal storage.
     * Resets the storage fields too: the item may last have been a packet-zone pair.
     */
    void init(int type, int flags) {
        initHeader(type, flags);
        buf = memory();
        base = memoryOffset();
        size = MbufDescriptor.MLEN;
        ext = null;
        extRef = null;
        extType = 0;
    }

    /**
     * The packet zone's ctor (FreeBSD {@code m_init} on an {@code mb_zinit_pack} pair): an
     * empty header only. The storage fields ({@code ext}, {@code extRef}, {@code extType},
     * {@code buf}, {@code base}, {@code size}) were set by the zone's init when it attached the
     * cluster, and nothing changes them while the pair is cached or allocated: {@link #attach}
     * is only called on bare mbufs and {@link #shareExt} only on fresh plain mbufs.
     */
    void initHeader(int type, int flags) {
        // The links are written only when set (a one-mbuf packet comes back with none): on
        // JDK 17 with G1 each reference store carries a pre-barrier that C2 expands early, and
        // two unconditional null stores cost about 2 ns per getcl (Uma4jPacketBenchmark).
        if (next != null) {
            next = null;
        }
        if (nextPkt != null) {
            nextPkt = null;
        }
        data = 0;
        len = 0;
        this.flags = flags;
        this.type = type;
        pktLen = 0;
    }

    /** Points this mbuf at external storage, taking no reference (the caller holds it). */
    void attach(Buf cl, Item ref, int extType) {
        ext = cl;
        extRef = ref;
        this.extType = extType;
        buf = cl.memory();
        base = cl.memoryOffset();
        size = cl.size();
        data = 0;
        flags |= M_EXT;
    }

    /** Shares {@code from}'s external storage (FreeBSD {@code mb_dupcl}): one more reference. */
    void shareExt(Mbuf from) {
        from.extRef.retain();
        ext = from.ext;
        extRef = from.extRef;
        extType = from.extType;
        buf = from.buf;
        base = from.base;
        size = from.size;
        flags |= M_EXT | (from.flags & M_RDONLY);
    }

    /** Returns the next mbuf of this packet, or null. */
    public Mbuf next() {
        return next;
    }

    /** Links {@code n} after this mbuf (null ends the chain). */
    public void setNext(Mbuf n) {
        next = n;
    }

    /** Returns the next packet in a queue, or null. */
    public Mbuf nextPkt() {
        return nextPkt;
    }

    /** Links the next packet of a queue. */
    public void setNextPkt(Mbuf n) {
        nextPkt = n;
    }

    /** Returns the number of data bytes in this mbuf. */
    public int len() {
        return len;
    }

    /**
     * Sets the number of data bytes, keeping the data window inside the storage.
     *
     * @param len 0 to {@code storageSize() - leading}
     */
    public void setLen(int len) {
        if (len < 0 || len > size - data) {
            throw new IllegalArgumentException("len: " + len + " (expected: 0.." + (size - data)
                    + ", the storage after the data offset)");
        }
        this.len = len;
    }

    /** Returns the storage array; the data starts at {@link #dataOffset()} (FreeBSD {@code mtod}). */
    public byte[] array() {
        return buf;
    }

    /** Returns the index of the first data byte in {@link #array()}. */
    public int dataOffset() {
        return base + data;
    }

    /** Returns the data byte at {@code index}, 0 &lt;= index &lt; {@link #len()}. */
    public byte getByte(int index) {
        if (index < 0 || index >= len) {
            throw new IndexOutOfBoundsException("index: " + index + " (expected: 0.." + (len - 1) + ")");
        }
        return buf[base + data + index];
    }

    /** Returns the MT_* type. */
    public int type() {
        return type;
    }

    /** Returns the M_* flags. */
    public int flags() {
        return flags;
    }

    /** Sets flags among {@link #M_USERFLAGS}. */
    public void addFlags(int f) {
        checkUserFlags(f);
        flags |= f;
    }

    /** Clears flags among {@link #M_USERFLAGS}. */
    public void clearFlags(int f) {
        checkUserFlags(f);
        flags &= ~f;
    }

    private static void checkUserFlags(int f) {
        if ((f & ~M_USERFLAGS) != 0) {
            throw new IllegalArgumentException("flags: 0x" + Integer.toHexString(f)
                    + " (expected: a combination of M_EOR, M_RDONLY, M_BCAST, M_MCAST)");
        }
    }

    /** Returns true if this is the first mbuf of a packet, with a packet header. */
    public boolean isPkthdr() {
        return (flags & M_PKTHDR) != 0;
    }

    /** Returns the packet header's total length. */
    public int pktLen() {
        checkPkthdr();
        return pktLen;
    }

    /** Sets the packet header's total length; {@link MbufChain#sanity} checks it against the chain. */
    public void setPktLen(int n) {
        checkPkthdr();
        if (n < 0) {
            throw new IllegalArgumentException("pktLen: " + n + " (expected: >= 0)");
        }
        pktLen = n;
    }

    private void checkPkthdr() {
        if ((flags & M_PKTHDR) == 0) {
            throw new IllegalStateException("mbuf " + this + ": no packet header (expected: M_PKTHDR)");
        }
    }

    /** Returns true if the data is in a cluster. */
    public boolean hasExt() {
        return (flags & M_EXT) != 0;
    }

    /** Returns the EXT_* type of the external storage, 0 if none. */
    public int extType() {
        return extType;
    }

    /** Returns the bytes of storage: the cluster size, or {@value MbufDescriptor#MLEN} (FreeBSD {@code M_SIZE}). */
    public int storageSize() {
        return size;
    }

    /** Returns the references to this mbuf's cluster, 1 for internal storage. */
    public int extRefCount() {
        return (flags & M_EXT) == 0 ? 1 : extRef.refCnt();
    }

    /**
     * Returns true if the data may be written in place: not {@link #M_RDONLY} and not shared
     * (FreeBSD {@code M_WRITABLE}).
     */
    public boolean isWritable() {
        return (flags & M_RDONLY) == 0 && ((flags & M_EXT) == 0 || extRef.refCnt() == 1);
    }

    /** Returns the free bytes before the data, 0 unless writable (FreeBSD {@code M_LEADINGSPACE}). */
    public int leadingSpace() {
        return isWritable() ? data : 0;
    }

    /** Returns the free bytes after the data, 0 unless writable (FreeBSD {@code M_TRAILINGSPACE}). */
    public int trailingSpace() {
        return isWritable() ? size - data - len : 0;
    }

    /**
     * Places an object of {@code n} bytes at the end of the storage, 8-byte aligned, so there is
     * room to prepend headers later (FreeBSD {@code M_ALIGN}); only on an empty mbuf whose data
     * starts at its storage.
     */
    public void align(int n) {
        if (data != 0 || len != 0) {
            throw new IllegalStateException("mbuf " + this + ": data at " + data + " with " + len
                    + " bytes (expected: an empty mbuf, data at 0)");
        }
        if (n < 0 || n > size) {
            throw new IllegalArgumentException("len: " + n + " (expected: 0.." + size + ")");
        }
        data = (size - n) & ~7;
    }

    /**
     * Returns a {@link ByteBuffer} over the data, position at the first byte and limit after
     * the last, for writing to a channel. For unshared storage it is the same object every time
     * (no garbage), valid until the next call; for shared clusters a new duplicate, so sharers
     * on other threads do not race on its position.
     */
    public ByteBuffer dataBuffer() {
        ByteBuffer bb = view();
        bb.limit(data + len).position(data);
        return bb;
    }

    /**
     * Returns a {@link ByteBuffer} over the trailing space, for reading from a channel; add the
     * bytes read with {@link #setLen}. Empty unless writable. Same reuse rule as {@link #dataBuffer()}.
     */
    public ByteBuffer trailingBuffer() {
        ByteBuffer bb = view();
        int end = data + len;
        bb.limit(end + trailingSpace()).position(end);
        return bb;
    }

    private ByteBuffer view() {
        if ((flags & M_EXT) == 0) {
            return inner.clear();
        }
        ByteBuffer bb = ext.byteBuffer();
        return extRef.refCnt() == 1 ? bb : bb.duplicate();
    }

    /**
     * Frees this mbuf, dropping its reference to any cluster (FreeBSD {@code m_free}).
     *
     * @return the next mbuf of the chain, which is not freed
     * @throws IllegalStateException if the mbuf was already freed
     */
    public Mbuf free() {
        return free(0);
    }

    /** As {@link #free()}, on behalf of call site {@code site} (the agent passes it). */
    public Mbuf free(int site) {
        Mbuf n = next;
        // A sole-owned packet (FreeBSD's mb_free_ext fast path): the pair goes home to its own
        // zone, the packet zone, with no sharer to retain or release. freeSole checks the count
        // and the zone's debug hooks; anything else (a plain mbuf, a shadow, a shared or freed
        // owner, hooks that see every free) takes the family's general path.
        if ((flags & (M_EXT | M_FREED)) != M_EXT || extRef != this || !freeSole(site)) {
            family.free(this, site);
        }
        return n;
    }

    /** Frees this mbuf and every mbuf after it on {@link #next()} (FreeBSD {@code m_freem}); not {@code nextPkt}. */
    public void freem() {
        freem(0);
    }

    /** As {@link #freem()}, on behalf of call site {@code site}. */
    public void freem(int site) {
        // The first mbuf outside the loop: a one-mbuf packet (getcl + freem) then compiles to
        // straight-line code, without a loop whose live values the JIT must spill.
        Mbuf n = free(site);
        if (n != null) {
            freeChain(n, site);
        }
    }

    private static void freeChain(Mbuf m, int site) {
        do {
            m = m.free(site);
        } while (m != null);
    }

    @Override
    public String toString() {
        return "mbuf " + super.toString() + " len " + len + ((flags & M_EXT) != 0 ? " ext " + extType : "");
    }
}
