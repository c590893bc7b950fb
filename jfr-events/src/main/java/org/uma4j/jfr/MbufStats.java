package org.uma4j.jfr;

/**
 * The {@code netstat -m} numbers of the mbuf family at one moment: what an
 * {@link MbufStatsSource} reports each period and what {@link RecordingReader#mbufs()} reads
 * back. Totals are derived, as netstat derives them.
 *
 * @param mbufsUsed mbufs in use, including those of packets
 * @param mbufsCached mbufs cached in the mbuf zone
 * @param clustersUsed clusters in use, including those of packets
 * @param clustersCached clusters cached in the cluster zone
 * @param clustersMax the cluster limit ({@code nmbclusters}), 0 for none
 * @param packetsUsed mbuf+cluster packets out of the packet zone in use
 * @param packetsCached packets cached in the packet zone
 * @param bytesUsed bytes of mbufs and clusters in use
 * @param bytesCached bytes of mbufs and clusters cached
 * @param mbufsDenied requests for mbufs denied at the limit
 * @param clustersDenied requests for clusters denied at the limit
 * @param packetsDenied requests for packets denied at the limit
 * @param mbufsDelayed requests for mbufs delayed (slept) at the limit
 * @param clustersDelayed requests for clusters delayed at the limit
 * @param packetsDelayed requests for packets delayed at the limit
 */
public record MbufStats(long mbufsUsed, long mbufsCached, long clustersUsed, long clustersCached,
        long clustersMax, long packetsUsed, long packetsCached, long bytesUsed, long bytesCached,
        long mbufsDenied, long clustersDenied, long packetsDenied, long mbufsDelayed, long clustersDelayed,
        long packetsDelayed) {

    /** Returns mbufs in use plus cached: the third number of "mbufs in use (current/cache/total)". */
    public long mbufsTotal() {
        return mbufsUsed + mbufsCached;
    }

    /** Returns clusters in use plus cached. */
    public long clustersTotal() {
        return clustersUsed + clustersCached;
    }

    /** Returns bytes in use plus cached: "bytes allocated to network (current/cache/total)". */
    public long bytesTotal() {
        return bytesUsed + bytesCached;
    }
}
