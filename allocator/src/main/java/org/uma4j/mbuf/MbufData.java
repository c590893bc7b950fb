package org.uma4j.mbuf;

import static org.uma4j.mbuf.MbufDescriptor.MCLBYTES;
import static org.uma4j.mbuf.MbufDescriptor.MHLEN;
import static org.uma4j.mbuf.MbufDescriptor.MLEN;

import java.util.Arrays;

/**
 * Byte copies into and out of mbuf chains, and the routines that shorten chains, with
 * FreeBSD's semantics: {@code m_copydata}, {@code m_copyback}, {@code m_append},
 * {@code m_defrag}, {@code m_collapse}.
 *
 * <pre>{@code
 * byte[] hdr = new byte[20];
 * MbufData.copydata(m, 0, 20, hdr, 0);              // read without pullup
 * MbufData.copyback(m, 0, 20, hdr, 0, Zone.NOWAIT); // write (storage must be writable)
 * Mbuf d = MbufData.defrag(m, Zone.NOWAIT);         // shortest chain; null: m kept as it was
 * }</pre>
 *
 * <p>Threading: a chain has one owner at a time; these routines take no locks.
 */
public final class MbufData {
    private MbufData() {
    }

    /**
     * Copies {@code len} bytes from offset {@code off} of the chain to {@code dst[dstOff..]}
     * (FreeBSD {@code m_copydata}).
     *
     * @throws IndexOutOfBoundsException if the range is outside the chain or {@code dst}
     */
    public static void copydata(Mbuf m, int off, int len, byte[] dst, int dstOff) {
        int total = MbufChain.length(m);
        if (off < 0 || len < 0 || off > total - len) {
            throw new IndexOutOfBoundsException("off: " + off + ", len: " + len + " (expected: a range inside the "
                    + total + " bytes of the chain)");
        }
        if (dstOff < 0 || dstOff > dst.length - len) {
            throw new IndexOutOfBoundsException("dstOff: " + dstOff + " (expected: 0.." + (dst.length - len)
                    + " for " + len + " bytes into dst[" + dst.length + "])");
        }
        while (off > 0 && off >= m.len) {
            off -= m.len;
            m = m.next;
        }
        while (len > 0) {
            int k = Math.min(m.len - off, len);
            System.arraycopy(m.buf, m.base + m.data + off, dst, dstOff, k);
            dstOff += k;
            len -= k;
            off = 0;
            m = m.next;
        }
    }

    /**
     * Writes {@code len} bytes of {@code src[srcOff..]} at offset {@code off} of the chain,
     * extending it as needed: first into the last mbuf's trailing space, then with new mbufs;
     * a gap between the old end and {@code off} is zero-filled (FreeBSD {@code m_copyback}).
     * The packet header's length grows with the chain.
     *
     * @return true if every byte was written; false if the chain could not be extended enough
     * @throws IllegalStateException if the range overlaps storage that is not writable (shared
     *     clusters, M_RDONLY); nothing is written then
     */
    public static boolean copyback(Mbuf m0, int off, int len, byte[] src, int srcOff, int how) {
        if (off < 0 || len < 0) {
            throw new IndexOutOfBoundsException("off: " + off + ", len: " + len + " (expected: >= 0)");
        }
        if (srcOff < 0 || srcOff > src.length - len) {
            throw new IndexOutOfBoundsException("srcOff: " + srcOff + " (expected: 0.." + (src.length - len)
                    + " for " + len + " bytes of src[" + src.length + "])");
        }
        Mbufs.checkHow(how);
        checkWritable(m0, off, len);
        int total = MbufChain.length(m0);
        Mbuf last = m0;
        while (last.next != null) {
            last = last.next;
        }
        int end = off + len;
        if (end > total) {
            total += extend(last, end - total, how, m0.type);
        }
        if ((m0.flags & Mbuf.M_PKTHDR) != 0 && m0.pktLen < total) {
            m0.pktLen = total;
        }
        int writable = Math.max(0, Math.min(end, total) - off);
        Mbuf m = m0;
        int o = off;
        while (m != null && o > 0 && o >= m.len) {
            o -= m.len;
            m = m.next;
        }
        int left = writable;
        while (left > 0) {
            int k = Math.min(m.len - o, left);
            System.arraycopy(src, srcOff, m.buf, m.base + m.data + o, k);
            srcOff += k;
            left -= k;
            o = 0;
            m = m.next;
        }
        return writable == len;
    }

    /** Refuses a write that would touch bytes in storage that is not writable; writes nothing. */
    private static void checkWritable(Mbuf m, int off, int len) {
        int pos = 0;
        for (; m != null && pos < off + len; m = m.next) {
            if (m.len > 0 && pos + m.len > off && !m.isWritable()) {
                throw new IllegalStateException("uma4j: write to read-only storage: " + m + " at chain offset "
                        + pos + " (refs " + m.extRefCount() + ", expected: writable storage; dup or copy first)");
            }
            pos += m.len;
        }
    }

    /**
     * Grows the chain after {@code last} by up to {@code n} zeroed bytes.
     *
     * @return the bytes added
     */
    private static int extend(Mbuf last, int n, int how, int type) {
        int added = Math.min(n, last.trailingSpace());
        Arrays.fill(last.buf, last.base + last.data + last.len, last.base + last.data + last.len + added, (byte) 0);
        last.len += added;
        while (added < n) {
            Mbuf mn = last.family.mbufZone.alloc(how, 0, Mbufs.ctorArg(type, 0));
            if (mn == null) {
                break;
            }
            int k = Math.min(MLEN, n - added);
            Arrays.fill(mn.buf, mn.base, mn.base + k, (byte) 0);
            mn.len = k;
            last.next = mn;
            last = mn;
            added += k;
        }
        return added;
    }

    /**
     * Appends {@code len} bytes of {@code src[srcOff..]} to the chain: into the last mbuf's
     * trailing space, then new mbufs (FreeBSD {@code m_append}). The packet header's length
     * grows by the bytes appended.
     *
     * @return true if all bytes were appended; false if mbufs ran out (the bytes that fit stay)
     */
    public static boolean append(Mbuf m0, byte[] src, int srcOff, int len, int how) {
        if (len < 0 || srcOff < 0 || srcOff > src.length - len) {
            throw new IndexOutOfBoundsException("srcOff: " + srcOff + ", len: " + len + " (expected: a range of src["
                    + src.length + "])");
        }
        Mbufs.checkHow(how);
        Mbuf m = m0;
        while (m.next != null) {
            m = m.next;
        }
        int remainder = len;
        int space = Math.min(m.trailingSpace(), remainder);
        if (space > 0) {
            System.arraycopy(src, srcOff, m.buf, m.base + m.data + m.len, space);
            m.len += space;
            srcOff += space;
            remainder -= space;
        }
        while (remainder > 0) {
            Mbuf n = m0.family.mbufZone.alloc(how, 0, Mbufs.ctorArg(m.type, 0));
            if (n == null) {
                break;
            }
            n.len = Math.min(MLEN, remainder);
            System.arraycopy(src, srcOff, n.buf, n.base, n.len);
            srcOff += n.len;
            remainder -= n.len;
            m.next = n;
            m = n;
        }
        if ((m0.flags & Mbuf.M_PKTHDR) != 0) {
            m0.pktLen += len - remainder;
        }
        return remainder == 0;
    }

    /**
     * Copies the packet into the shortest chain of fresh, writable mbufs and clusters, and
     * frees the original (FreeBSD {@code m_defrag}).
     *
     * @return the new chain; null if memory ran short, in which case {@code m0} is untouched
     *     and still the caller's
     */
    public static Mbuf defrag(Mbuf m0, int how) {
        if ((m0.flags & Mbuf.M_PKTHDR) == 0) {
            throw new IllegalArgumentException("m0: " + m0 + " (expected: a packet, with M_PKTHDR)");
        }
        Mbufs.checkHow(how);
        Mbufs f = m0.family;
        int total = MbufChain.length(m0);
        Mbuf top = total > MHLEN ? f.getcl(how, m0.type, Mbuf.M_PKTHDR) : f.gethdr(how, m0.type);
        if (top == null) {
            return null;
        }
        MbufChain.dupPkthdr(top, m0);
        Mbuf tail = top;
        int off = 0;
        while (off < total) {
            if (tail.len == tail.size) {
                int left = total - off;
                Mbuf n = left > MLEN ? f.getcl(how, m0.type, 0) : f.get(how, m0.type);
                if (n == null) {
                    top.freem();
                    return null;
                }
                tail.next = n;
                tail = n;
            }
            int k = Math.min(tail.size - tail.len, total - off);
            copydata(m0, off, k, tail.buf, tail.base + tail.data + tail.len);
            tail.len += k;
            off += k;
        }
        m0.freem();
        return top;
    }

    /**
     * Shortens the chain to at most {@code maxfrags} mbufs (FreeBSD {@code m_collapse}): first
     * by copying mbufs into their predecessors' trailing space, then by merging neighbours
     * into new clusters.
     *
     * @param maxfrags at least 1
     * @return {@code m0}; null if the chain could not be shortened enough, in which case it
     *     is still valid (perhaps partly compacted) and still the caller's
     */
    public static Mbuf collapse(Mbuf m0, int how, int maxfrags) {
        if (maxfrags < 1) {
            throw new IllegalArgumentException("maxfrags: " + maxfrags + " (expected: >= 1)");
        }
        Mbufs.checkHow(how);
        int frags = 0;
        for (Mbuf m = m0; m != null; m = m.next) {
            frags++;
        }
        if (frags <= maxfrags) {
            return m0;
        }
        for (;;) {
            frags = compact(m0, frags, maxfrags);
            if (frags <= maxfrags) {
                return m0;
            }
            // Merge the first pair of neighbours that fits a cluster, then compact again: the
            // new cluster's trailing space may take the next fragment without another cluster.
            Mbuf prev = m0;
            Mbuf n = prev.next;
            while (n != null && (n.next == null || n.len + n.next.len > MCLBYTES)) {
                prev = n;
                n = n.next;
            }
            if (n == null) {
                return null; // nothing left to merge: the packet needs more fragments
            }
            Mbuf n2 = n.next;
            Mbuf c = m0.family.getcl(how, n.type, 0);
            if (c == null) {
                return null;
            }
            System.arraycopy(n.buf, n.base + n.data, c.buf, c.base, n.len);
            System.arraycopy(n2.buf, n2.base + n2.data, c.buf, c.base + n.len, n2.len);
            c.len = n.len + n2.len;
            c.next = n2.next;
            prev.next = c;
            n.free();
            n2.free();
            if (--frags <= maxfrags) {
                return m0;
            }
        }
    }

    /** Copies fragments into their predecessors' trailing space until {@code maxfrags}; returns the count left. */
    private static int compact(Mbuf m0, int frags, int maxfrags) {
        for (Mbuf m = m0; m.next != null && frags > maxfrags;) {
            Mbuf n = m.next;
            if (n.len <= m.trailingSpace()) {
                System.arraycopy(n.buf, n.base + n.data, m.buf, m.base + m.data + m.len, n.len);
                m.len += n.len;
                m.next = n.free();
                frags--;
            } else {
                m = n;
            }
        }
        return frags;
    }
}
