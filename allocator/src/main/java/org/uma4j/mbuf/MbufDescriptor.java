package org.uma4j.mbuf;

/**
 * The byte layout of mbufs and clusters: the one place that knows sizes and where data lives.
 *
 * <pre>
 * mbuf item (zone "mbuf", MSIZE = 256 bytes of a packed slab):
 *
 *   Mbuf object (Java fields)         item bytes in the slab's byte[]
 *   +-----------------------+         +------------------------------------------+
 *   | next, nextPkt         |         | internal data area: MLEN = MHLEN = 256   |
 *   | storage, data, len    |  ---->  |   0 &lt;= data &lt;= data + len &lt;= 256         |
 *   | flags, type, pktLen   |         +------------------------------------------+
 *   | ext, extRef, extType  |
 *   +-----------------------+
 *
 * mbuf with external storage (M_EXT): storage is a cluster item of its own zone,
 * and the item's own 256 bytes are unused while the cluster is attached:
 *
 *   +-----------------------+         cluster (2 KiB) / jumbop (4 KiB) / jumbo9 / jumbo16
 *   | ext -------------------------&gt;  +------------------------------------------+
 *   | extRef (holds count)  |         | leading |  data .. data+len  | trailing  |
 *   +-----------------------+         +------------------------------------------+
 *                                     0                                  extSize
 * </pre>
 *
 * <p>The header and the packet header live in the {@link Mbuf} object's fields, not in the
 * item's bytes, so a packet header costs no data space: {@link #MHLEN} equals {@link #MLEN}.
 * {@link #MINCLSIZE} keeps its FreeBSD meaning: from this size up, use a cluster.
 */
public final class MbufDescriptor {
    /** Bytes per mbuf item (FreeBSD's {@code MSIZE}). */
    public static final int MSIZE = 256;
    /** Data bytes in an mbuf without external storage. */
    public static final int MLEN = MSIZE;
    /** Data bytes in a packet-header mbuf without external storage (the header is in fields). */
    public static final int MHLEN = MSIZE;
    /** Smallest length worth a cluster. */
    public static final int MINCLSIZE = MHLEN + 1;
    /** Bytes per standard cluster. */
    public static final int MCLBYTES = 2048;
    /** Bytes per page-size jumbo cluster. */
    public static final int MJUMPAGESIZE = 4096;
    /** Bytes per 9k jumbo cluster. */
    public static final int MJUM9BYTES = 9 * 1024;
    /** Bytes per 16k jumbo cluster. */
    public static final int MJUM16BYTES = 16 * 1024;
    /** Extra bytes {@code pullup} moves beyond the request, to spare the next pullup (max_protohdr). */
    public static final int MAX_PROTOHDR = 40;

    private MbufDescriptor() {
    }
}
