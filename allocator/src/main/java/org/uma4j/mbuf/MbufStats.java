package org.uma4j.mbuf;

import java.util.Locale;
import org.uma4j.alloc.ZoneStats;

/**
 * An mbuf family's statistics at one moment, with the derivations of FreeBSD's
 * {@code netstat -m}, and its rendering.
 *
 * <p>Derivations: mbufs in use are the mbuf zone's plus the packet zone's; clusters in use
 * are the cluster zone's allocations minus the pairs cached in the packet zone, whose clusters
 * count as cache; "denied" is a zone's FAIL count (for the packet zone, plus the
 * {@code getcl} calls denied for want of a cluster), "delayed" its SLEEP count.
 *
 * <pre>
 * 3/509/512 mbufs in use (current/cache/total)
 * 2/30/32/1024 mbuf clusters in use (current/cache/total/max)
 * 2/22 mbuf+clusters out of packet secondary zone in use (current/cache)
 * 0/0/0/512 4k (page size) jumbo clusters in use (current/cache/total/max)
 * 0/0/0/113 9k jumbo clusters in use (current/cache/total/max)
 * 0/0/0/64 16k jumbo clusters in use (current/cache/total/max)
 * 4K/189K/193K bytes allocated to network (current/cache/total)
 * 0/0/0 requests for mbufs denied (mbufs/clusters/mbuf+clusters)
 * 0/0/0 requests for mbufs delayed (mbufs/clusters/mbuf+clusters)
 * 0/0/0 requests for jumbo clusters delayed (4k/9k/16k)
 * 0/0/0 requests for jumbo clusters denied (4k/9k/16k)
 * 0 calls to protocol drain routines
 * </pre>
 *
 * @param mbuf the mbuf zone
 * @param packet the packet zone
 * @param cluster the 2 KiB cluster zone
 * @param jumbop the page-size jumbo zone
 * @param jumbo9 the 9k jumbo zone
 * @param jumbo16 the 16k jumbo zone
 * @param packetDenied getcl calls denied because no cluster could be attached
 * @param drains packet zone drains, by shortage or on request
 */
public record MbufStats(ZoneStats mbuf, ZoneStats packet, ZoneStats cluster, ZoneStats jumbop,
        ZoneStats jumbo9, ZoneStats jumbo16, long packetDenied, long drains) {

    /** Returns mbufs in use: plain mbufs plus packet-zone pairs. */
    public long mbufsInUse() {
        return mbuf.used() + packet.used();
    }

    /** Returns mbufs cached: the mbuf keg's free items and both zones' caches. */
    public long mbufsCached() {
        return mbuf.free() + packet.free();
    }

    /** Returns clusters in use: allocated from the cluster zone and not parked in a cached packet. */
    public long clustersInUse() {
        return Math.max(0, cluster.used() - packet.free());
    }

    /** Returns clusters cached: the cluster zone's free items plus those parked in cached packets. */
    public long clustersCached() {
        return cluster.free() + Math.min(packet.free(), cluster.used());
    }

    /** Returns the bytes of mbufs and clusters in use. */
    public long bytesInUse() {
        return mbufsInUse() * mbuf.size() + clustersInUse() * cluster.size() + jumboBytes(true);
    }

    /** Returns the bytes of mbufs and clusters cached. */
    public long bytesCached() {
        return mbufsCached() * mbuf.size() + clustersCached() * cluster.size() + jumboBytes(false);
    }

    private long jumboBytes(boolean inUse) {
        long b = 0;
        for (ZoneStats z : new ZoneStats[] {jumbop, jumbo9, jumbo16}) {
            b += (inUse ? z.used() : z.free()) * z.size();
        }
        return b;
    }

    /** Returns getcl and packet-zone requests denied. */
    public long packetsDenied() {
        return packet.fails() + packetDenied;
    }

    /** Returns the {@code netstat -m} text, one line per statistic, each ending in a newline. */
    public String render() {
        StringBuilder sb = new StringBuilder(1024);
        line(sb, "%d/%d/%d mbufs in use (current/cache/total)",
                mbufsInUse(), mbufsCached(), mbufsInUse() + mbufsCached());
        line(sb, "%d/%d/%d/%d mbuf clusters in use (current/cache/total/max)",
                clustersInUse(), clustersCached(), cluster.used() + cluster.free(), cluster.limit());
        line(sb, "%d/%d mbuf+clusters out of packet secondary zone in use (current/cache)",
                packet.used(), packet.free());
        line(sb, "%d/%d/%d/%d %dk (page size) jumbo clusters in use (current/cache/total/max)",
                jumbop.used(), jumbop.free(), jumbop.used() + jumbop.free(), jumbop.limit(), jumbop.size() / 1024);
        line(sb, "%d/%d/%d/%d 9k jumbo clusters in use (current/cache/total/max)",
                jumbo9.used(), jumbo9.free(), jumbo9.used() + jumbo9.free(), jumbo9.limit());
        line(sb, "%d/%d/%d/%d 16k jumbo clusters in use (current/cache/total/max)",
                jumbo16.used(), jumbo16.free(), jumbo16.used() + jumbo16.free(), jumbo16.limit());
        long inUse = bytesInUse() / 1024;
        long cached = bytesCached() / 1024;
        line(sb, "%dK/%dK/%dK bytes allocated to network (current/cache/total)", inUse, cached, inUse + cached);
        line(sb, "%d/%d/%d requests for mbufs denied (mbufs/clusters/mbuf+clusters)",
                mbuf.fails(), cluster.fails(), packetsDenied());
        line(sb, "%d/%d/%d requests for mbufs delayed (mbufs/clusters/mbuf+clusters)",
                mbuf.sleeps(), cluster.sleeps(), packet.sleeps());
        line(sb, "%d/%d/%d requests for jumbo clusters delayed (%dk/9k/16k)",
                jumbop.sleeps(), jumbo9.sleeps(), jumbo16.sleeps(), jumbop.size() / 1024);
        line(sb, "%d/%d/%d requests for jumbo clusters denied (%dk/9k/16k)",
                jumbop.fails(), jumbo9.fails(), jumbo16.fails(), jumbop.size() / 1024);
        line(sb, "%d calls to protocol drain routines", drains);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String fmt, Object... args) {
        sb.append(String.format(Locale.ROOT, fmt, args)).append('\n');
    }
}
