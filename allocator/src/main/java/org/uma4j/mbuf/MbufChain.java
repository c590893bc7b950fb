package org.uma4j.mbuf;

import static org.uma4j.mbuf.MbufDescriptor.MAX_PROTOHDR;
import static org.uma4j.mbuf.MbufDescriptor.MHLEN;
import static org.uma4j.mbuf.MbufDescriptor.MLEN;

import org.uma4j.alloc.Zone;

/**
 * Routines over mbuf chains (a packet: mbufs linked by {@link Mbuf#next()}, the first one
 * usually with a packet header), with FreeBSD's semantics, failure behaviour included. Byte
 * copies in and out and the compaction routines are in {@link MbufData}.
 *
 * <pre>{@code
 * m = MbufChain.prepend(m, 20, Zone.NOWAIT);   // null: no memory, and the chain was freed
 * if (m == null) return;
 * Mbuf copy = MbufChain.copypacket(m, Zone.NOWAIT); // clusters shared, not copied
 * Mbuf tail = MbufChain.split(m, 1000, Zone.NOWAIT);
 * }</pre>
 *
 * <p>Every allocating routine takes {@code how}: {@link Zone#NOWAIT} or {@link Zone#WAITOK}.
 *
 * <p>Threading: a chain has one owner at a time; these routines take no locks. Clusters they
 * share may be released from other threads (their counts are atomic).
 */
public final class MbufChain {
    private MbufChain() {
    }

    /** Returns the total data length of the chain (FreeBSD {@code m_length}). */
    public static int length(Mbuf m) {
        int n = 0;
        for (; m != null; m = m.next) {
            n += m.len;
        }
        return n;
    }

    /** Sets the packet header's length to the chain's length and returns it (FreeBSD {@code m_fixhdr}). */
    public static int fixhdr(Mbuf m) {
        int n = length(m);
        m.setPktLen(n);
        return n;
    }

    /**
     * Checks the chain's invariants (FreeBSD {@code m_sanity}): every mbuf allocated, its data
     * window inside its storage, a packet header only on the first mbuf, whose length is the
     * sum of the lengths, and external storage referenced at least once.
     *
     * @throws IllegalStateException naming the first broken invariant
     */
    public static void sanity(Mbuf m0) {
        int sum = 0;
        int i = 0;
        for (Mbuf m = m0; m != null; m = m.next, i++) {
            if (!m.isAllocated() || (m.flags & Mbuf.M_FREED) != 0) {
                throw broken(m0, i, m, "freed mbuf in chain", "allocated");
            }
            if (m.data < 0 || m.len < 0 || m.data + m.len > m.size) {
                throw broken(m0, i, m, "data " + m.data + " len " + m.len, "0 <= data <= data + len <= " + m.size);
            }
            if (m != m0 && (m.flags & Mbuf.M_PKTHDR) != 0) {
                throw broken(m0, i, m, "M_PKTHDR", "only on the first mbuf");
            }
            if ((m.flags & Mbuf.M_EXT) != 0 && (m.ext == null || m.extRef.refCnt() < 1 || m.buf != m.ext.memory())) {
                throw broken(m0, i, m, "external storage", "an attached cluster with references >= 1");
            }
            sum += m.len;
        }
        if ((m0.flags & Mbuf.M_PKTHDR) != 0 && m0.pktLen != sum) {
            throw broken(m0, 0, m0, "pktLen " + m0.pktLen, sum + ", the sum of the lengths");
        }
    }

    private static IllegalStateException broken(Mbuf m0, int i, Mbuf m, String what, String expected) {
        return new IllegalStateException("uma4j: insane mbuf chain " + m0 + ": mbuf " + i + " (" + m + ") has "
                + what + " (expected: " + expected + ")");
    }

    /**
     * Prepends {@code plen} bytes of (unset) space to the packet: in the leading space of the
     * first mbuf if it is writable and has room, else in a new mbuf that takes over the packet
     * header (FreeBSD {@code M_PREPEND}). Fill the space with {@link MbufData#copyback}.
     *
     * @param plen 0 to {@value MbufDescriptor#MHLEN}
     * @return the new head; null if no mbuf could be had, in which case the chain was freed
     */
    public static Mbuf prepend(Mbuf m, int plen, int how) {
        if (plen < 0 || plen > MHLEN) {
            throw new IllegalArgumentException("plen: " + plen + " (expected: 0.." + MHLEN + ")");
        }
        Mbufs.checkHow(how);
        if (m.leadingSpace() >= plen) {
            m.data -= plen;
            m.len += plen;
        } else {
            Mbuf mn = m.family.mbufZone.alloc(how, 0, Mbufs.ctorArg(m.type, 0));
            if (mn == null) {
                m.freem();
                return null;
            }
            if ((m.flags & Mbuf.M_PKTHDR) != 0) {
                movePkthdr(mn, m);
            }
            mn.next = m;
            m = mn;
            m.align(plen);
            m.len = plen;
        }
        if ((m.flags & Mbuf.M_PKTHDR) != 0) {
            m.pktLen += plen;
        }
        return m;
    }

    /** Moves the packet header from {@code from} to {@code to} (FreeBSD {@code m_move_pkthdr}). */
    static void movePkthdr(Mbuf to, Mbuf from) {
        to.flags = (to.flags & (Mbuf.M_EXT | Mbuf.M_RDONLY)) | (from.flags & Mbuf.M_COPYFLAGS);
        to.pktLen = from.pktLen;
        from.flags &= ~Mbuf.M_PKTHDR;
        from.pktLen = 0;
    }

    /** Copies the packet header of {@code from} to {@code to} (FreeBSD {@code m_dup_pkthdr}). */
    static void dupPkthdr(Mbuf to, Mbuf from) {
        to.flags = (to.flags & (Mbuf.M_EXT | Mbuf.M_RDONLY)) | (from.flags & Mbuf.M_COPYFLAGS);
        to.pktLen = from.pktLen;
    }

    /**
     * Makes the first {@code len} bytes contiguous in the first mbuf, so a header can be read
     * in place (FreeBSD {@code m_pullup}). Moves up to {@value MbufDescriptor#MAX_PROTOHDR}
     * bytes more when they fit, to spare the next pullup.
     *
     * @param len 0 to {@value MbufDescriptor#MHLEN}
     * @return the new head; null if the chain is shorter than {@code len} or no mbuf could be
     *     had, in which case the chain was freed
     */
    public static Mbuf pullup(Mbuf n, int len, int how) {
        if (len < 0) {
            throw new IllegalArgumentException("len: " + len + " (expected: >= 0)");
        }
        Mbufs.checkHow(how);
        if (n.len >= len) {
            return n;
        }
        Mbuf m;
        if ((n.flags & Mbuf.M_EXT) == 0 && n.data + len <= MLEN && n.next != null) {
            m = n; // room in the first mbuf's own storage: pull the rest up into it
            n = n.next;
            len -= m.len;
        } else {
            if (len > MHLEN) {
                n.freem();
                return null;
            }
            m = n.family.mbufZone.alloc(how, 0, Mbufs.ctorArg(n.type, 0));
            if (m == null) {
                n.freem();
                return null;
            }
            if ((n.flags & Mbuf.M_PKTHDR) != 0) {
                movePkthdr(m, n);
            }
        }
        int space = m.size - (m.data + m.len);
        do {
            int count = Math.min(Math.min(Math.max(len, MAX_PROTOHDR), space), n.len);
            System.arraycopy(n.buf, n.base + n.data, m.buf, m.base + m.data + m.len, count);
            len -= count;
            m.len += count;
            n.len -= count;
            space -= count;
            if (n.len > 0) {
                n.data += count;
            } else {
                n = n.free();
            }
        } while (len > 0 && n != null);
        if (len > 0) {
            m.free();
            if (n != null) {
                n.freem();
            }
            return null;
        }
        m.next = n;
        return m;
    }

    /**
     * Copies {@code len} bytes from offset {@code off} into a new chain (FreeBSD
     * {@code m_copym}): data in internal storage is copied, cluster data is shared by
     * reference. The packet header is copied when {@code off} is 0.
     *
     * @param len bytes, or {@link Mbuf#COPYALL} for the rest of the chain
     * @return the copy; null if there are no bytes to copy, or if no mbuf could be had (the
     *     original is untouched either way)
     */
    public static Mbuf copym(Mbuf m, int off, int len, int how) {
        return copy(m, off, len, how, false);
    }

    /**
     * Copies a whole packet, header and leading space included, sharing clusters (FreeBSD
     * {@code m_copypacket}).
     *
     * @return the copy; null if the packet is empty or no mbuf could be had (the original is
     *     untouched either way)
     */
    public static Mbuf copypacket(Mbuf m, int how) {
        return copy(m, 0, Mbuf.COPYALL, how, true);
    }

    private static Mbuf copy(Mbuf m, int off, int len, int how, boolean keepLeading) {
        int total = length(m);
        if (off < 0 || off > total) {
            throw new IllegalArgumentException("off: " + off + " (expected: 0.." + total + ", the chain length)");
        }
        if (len != Mbuf.COPYALL && (len < 0 || len > total - off)) {
            throw new IllegalArgumentException("len: " + len + " (expected: 0.." + (total - off)
                    + " from offset " + off + ", or COPYALL)");
        }
        Mbufs.checkHow(how);
        Mbufs family = m.family;
        boolean copyhdr = off == 0 && (m.flags & Mbuf.M_PKTHDR) != 0;
        Mbuf m0 = m;
        while (off > 0 && off >= m.len && m.next != null) {
            off -= m.len;
            m = m.next;
        }
        int left = len == Mbuf.COPYALL ? total - length0(m0, m, off) : len;
        Mbuf top = null;
        Mbuf tail = null;
        while (left > 0) {
            Mbuf n = family.mbufZone.alloc(how, 0, Mbufs.ctorArg(m.type, copyhdr ? Mbuf.M_PKTHDR : 0));
            if (n == null) {
                if (top != null) {
                    top.freem();
                }
                return null;
            }
            if (tail == null) {
                top = n;
            } else {
                tail.next = n;
            }
            tail = n;
            if (copyhdr) {
                dupPkthdr(n, m0);
                n.pktLen = len == Mbuf.COPYALL ? m0.pktLen : len;
                copyhdr = false;
            }
            n.len = Math.min(left, m.len - off);
            if ((m.flags & Mbuf.M_EXT) != 0) {
                n.shareExt(m);
                n.data = m.data + off;
            } else {
                if (keepLeading) {
                    n.data = m.data;
                }
                System.arraycopy(m.buf, m.base + m.data + off, n.buf, n.base + n.data, n.len);
            }
            left -= n.len;
            off = 0;
            m = m.next; // not null while bytes are left: left never exceeds the rest of the chain
        }
        return top;
    }

    /** Returns the bytes of the chain before offset {@code off} of mbuf {@code at}. */
    private static int length0(Mbuf m0, Mbuf at, int off) {
        int n = off;
        for (Mbuf m = m0; m != at; m = m.next) {
            n += m.len;
        }
        return n;
    }

    /**
     * Makes a deep, writable copy of the packet in new mbufs and clusters (FreeBSD {@code m_dup}).
     *
     * @return the copy; null if no memory could be had (the original is untouched)
     */
    public static Mbuf dup(Mbuf m, int how) {
        Mbufs.checkHow(how);
        Mbufs family = m.family;
        int remain = length(m);
        boolean copyhdr = (m.flags & Mbuf.M_PKTHDR) != 0;
        Mbuf top = null;
        Mbuf tail = null;
        int moff = 0;
        do {
            int hdr = copyhdr ? Mbuf.M_PKTHDR : 0;
            Mbuf n = remain >= MbufDescriptor.MINCLSIZE ? family.getcl(how, m.type, hdr)
                    : family.mbufZone.alloc(how, 0, Mbufs.ctorArg(m.type, hdr));
            if (n == null) {
                if (top != null) {
                    top.freem();
                }
                return null;
            }
            if (copyhdr) {
                dupPkthdr(n, m);
                copyhdr = false;
            }
            if (tail == null) {
                top = n;
            } else {
                tail.next = n;
            }
            tail = n;
            while (m != null && n.len < n.size) {
                int chunk = Math.min(n.size - n.len, m.len - moff);
                System.arraycopy(m.buf, m.base + m.data + moff, n.buf, n.base + n.len, chunk);
                n.len += chunk;
                moff += chunk;
                remain -= chunk;
                if (moff == m.len) {
                    m = m.next;
                    moff = 0;
                }
            }
        } while (remain > 0);
        return top;
    }

    /**
     * Trims {@code req} bytes: from the head if positive, from the tail if negative (FreeBSD
     * {@code m_adj}). Head trimming leaves emptied mbufs in the chain; tail trimming frees the
     * mbufs after the new end. Trimming more than the chain holds empties it.
     */
    public static void adj(Mbuf mp, int req) {
        if (mp == null) {
            return;
        }
        if (req >= 0) {
            int left = req;
            for (Mbuf m = mp; m != null && left > 0; m = m.next) {
                int k = Math.min(m.len, left);
                m.len -= k;
                m.data += k;
                left -= k;
            }
            if ((mp.flags & Mbuf.M_PKTHDR) != 0) {
                mp.pktLen -= req - left;
            }
            return;
        }
        int len = -req;
        int count = length(mp);
        int keep = Math.max(0, count - len);
        if ((mp.flags & Mbuf.M_PKTHDR) != 0) {
            mp.pktLen = keep;
        }
        for (Mbuf m = mp; m != null; m = m.next) {
            if (m.len >= keep) {
                m.len = keep;
                if (m.next != null) {
                    m.next.freem();
                    m.next = null;
                }
                break;
            }
            keep -= m.len;
        }
    }

    /**
     * Splits the packet after {@code len0} bytes and returns the tail (FreeBSD
     * {@code m_split}). A split inside a cluster shares it between the halves; inside internal
     * storage the remainder is copied. The tail gets its own packet header if the head had one.
     *
     * @return the tail; null if {@code len0} is past the end, or no mbuf could be had (the
     *     chain is then unchanged), or the split is at the very end of a chain without header
     */
    public static Mbuf split(Mbuf m0, int len0, int how) {
        if (len0 < 0) {
            throw new IllegalArgumentException("len0: " + len0 + " (expected: >= 0)");
        }
        Mbufs.checkHow(how);
        int len = len0;
        Mbuf m = m0;
        while (m != null && len > m.len) {
            len -= m.len;
            m = m.next;
        }
        if (m == null) {
            return null;
        }
        int remain = m.len - len;
        Mbuf n;
        boolean hdr = (m0.flags & Mbuf.M_PKTHDR) != 0;
        if (hdr) {
            n = m0.family.mbufZone.alloc(how, 0, Mbufs.ctorArg(m0.type, Mbuf.M_PKTHDR));
            if (n == null) {
                return null;
            }
            n.pktLen = m0.pktLen - len0;
            m0.pktLen = len0;
            if (remain == 0) {
                n.next = m.next;
                m.next = null;
                return n;
            }
        } else if (remain == 0) {
            n = m.next;
            m.next = null;
            return n;
        } else {
            n = m0.family.mbufZone.alloc(how, 0, Mbufs.ctorArg(m.type, 0));
            if (n == null) {
                return null;
            }
        }
        if ((m.flags & Mbuf.M_EXT) != 0) {
            n.shareExt(m);
            n.data = m.data + len;
        } else {
            n.align(remain);
            System.arraycopy(m.buf, m.base + m.data + len, n.buf, n.base + n.data, remain);
        }
        n.len = remain;
        m.len = len;
        n.next = m.next;
        m.next = null;
        return n;
    }

    /**
     * Appends chain {@code n} to chain {@code m} (FreeBSD {@code m_cat}): data of internal
     * mbufs is copied into the trailing space of {@code m}'s last mbuf while it fits, the rest
     * is linked. Packet header lengths are not touched; see {@link #catpkt}.
     */
    public static void cat(Mbuf m, Mbuf n) {
        while (m.next != null) {
            m = m.next;
        }
        while (n != null) {
            if ((n.flags & Mbuf.M_EXT) != 0 || m.trailingSpace() < n.len) {
                m.next = n;
                return;
            }
            System.arraycopy(n.buf, n.base + n.data, m.buf, m.base + m.data + m.len, n.len);
            m.len += n.len;
            n = n.free();
        }
    }

    /**
     * Appends packet {@code n} to packet {@code m}: adds its length to {@code m}'s packet
     * header, drops {@code n}'s, and concatenates (FreeBSD {@code m_catpkt}).
     */
    public static void catpkt(Mbuf m, Mbuf n) {
        if ((m.flags & Mbuf.M_PKTHDR) == 0 || (n.flags & Mbuf.M_PKTHDR) == 0) {
            throw new IllegalArgumentException("m, n: " + m + ", " + n + " (expected: both with M_PKTHDR)");
        }
        m.pktLen += n.pktLen;
        n.flags &= ~Mbuf.M_PKTHDR;
        n.pktLen = 0;
        cat(m, n);
    }
}
