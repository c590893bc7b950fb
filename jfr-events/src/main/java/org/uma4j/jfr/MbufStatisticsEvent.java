package org.uma4j.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;

/**
 * The mbuf family's {@code netstat -m} lines as fields, once per period, from the
 * {@link MbufStatsSource} installed with {@link UmaJfr#mbufs}. The zone names tie the event to
 * the six zones' {@code org.uma4j.ZoneStatistics}, from which {@link RecordingReader#mbufs()}
 * rebuilds the family's {@code MbufStats}.
 */
@Name(Names.MBUF_STATISTICS)
@Label("Mbuf Statistics")
@Description("The netstat -m lines of the mbuf family: mbufs, clusters, packets and jumbo clusters in use, cached, denied and delayed.")
@Category({"uma4j", "Statistics"})
@Period("10 s")
@StackTrace(false)
@Registered(false)
final class MbufStatisticsEvent extends jdk.jfr.Event {
    @Label("Mbufs In Use")
    @Description("Mbufs in use (current): plain mbufs plus packet-zone pairs")
    long mbufsUsed;

    @Label("Mbufs Cached")
    @Description("Mbufs in use (cache)")
    long mbufsCached;

    @Label("Mbufs Total")
    @Description("Mbufs in use (total)")
    long mbufsTotal;

    @Label("Clusters In Use")
    @Description("Mbuf clusters in use (current), not counting those parked in cached packets")
    long clustersUsed;

    @Label("Clusters Cached")
    @Description("Mbuf clusters in use (cache), counting those parked in cached packets")
    long clustersCached;

    @Label("Clusters Total")
    @Description("Mbuf clusters in use (total)")
    long clustersTotal;

    @Label("Clusters Max")
    @Description("Mbuf clusters in use (max): nmbclusters, 0 for none")
    long clustersMax;

    @Label("Packets In Use")
    @Description("Mbuf+clusters out of packet secondary zone in use (current)")
    long packetsUsed;

    @Label("Packets Cached")
    @Description("Mbuf+clusters out of packet secondary zone in use (cache)")
    long packetsCached;

    @Label("Jumbop In Use")
    @Description("Page size jumbo clusters in use (current)")
    long jumbopUsed;

    @Label("Jumbop Cached")
    @Description("Page size jumbo clusters in use (cache)")
    long jumbopCached;

    @Label("Jumbop Max")
    @Description("Page size jumbo clusters in use (max), 0 for none")
    long jumbopMax;

    @Label("Jumbo9 In Use")
    @Description("9k jumbo clusters in use (current)")
    long jumbo9Used;

    @Label("Jumbo9 Cached")
    @Description("9k jumbo clusters in use (cache)")
    long jumbo9Cached;

    @Label("Jumbo9 Max")
    @Description("9k jumbo clusters in use (max), 0 for none")
    long jumbo9Max;

    @Label("Jumbo16 In Use")
    @Description("16k jumbo clusters in use (current)")
    long jumbo16Used;

    @Label("Jumbo16 Cached")
    @Description("16k jumbo clusters in use (cache)")
    long jumbo16Cached;

    @Label("Jumbo16 Max")
    @Description("16k jumbo clusters in use (max), 0 for none")
    long jumbo16Max;

    @Label("Bytes In Use")
    @Description("Bytes allocated to network (current)")
    @DataAmount
    long bytesUsed;

    @Label("Bytes Cached")
    @Description("Bytes allocated to network (cache)")
    @DataAmount
    long bytesCached;

    @Label("Bytes Total")
    @Description("Bytes allocated to network (total)")
    @DataAmount
    long bytesTotal;

    @Label("Mbufs Denied")
    @Description("Requests for mbufs denied (mbufs)")
    long mbufsDenied;

    @Label("Clusters Denied")
    @Description("Requests for mbufs denied (clusters)")
    long clustersDenied;

    @Label("Packets Denied")
    @Description("Requests for mbufs denied (mbuf+clusters)")
    long packetsDenied;

    @Label("Mbufs Delayed")
    @Description("Requests for mbufs delayed (mbufs)")
    long mbufsDelayed;

    @Label("Clusters Delayed")
    @Description("Requests for mbufs delayed (clusters)")
    long clustersDelayed;

    @Label("Packets Delayed")
    @Description("Requests for mbufs delayed (mbuf+clusters)")
    long packetsDelayed;

    @Label("Jumbop Delayed")
    @Description("Requests for jumbo clusters delayed (page size)")
    long jumbopDelayed;

    @Label("Jumbop Denied")
    @Description("Requests for jumbo clusters denied (page size)")
    long jumbopDenied;

    @Label("Jumbo9 Delayed")
    @Description("Requests for jumbo clusters delayed (9k)")
    long jumbo9Delayed;

    @Label("Jumbo9 Denied")
    @Description("Requests for jumbo clusters denied (9k)")
    long jumbo9Denied;

    @Label("Jumbo16 Delayed")
    @Description("Requests for jumbo clusters delayed (16k)")
    long jumbo16Delayed;

    @Label("Jumbo16 Denied")
    @Description("Requests for jumbo clusters denied (16k)")
    long jumbo16Denied;

    @Label("Getcl Denied")
    @Description("Getcl calls denied because no cluster could be attached (part of Packets Denied)")
    long getclDenied;

    @Label("Drains")
    @Description("Calls to protocol drain routines: packet zone drains")
    long drains;

    @Label("Mbuf Zone")
    @Description("Name of the family's mbuf zone, whose Zone Statistics complete this event")
    String mbufZone;

    @Label("Packet Zone")
    @Description("Name of the family's packet zone, whose Zone Statistics complete this event")
    String packetZone;

    @Label("Cluster Zone")
    @Description("Name of the family's cluster zone, whose Zone Statistics complete this event")
    String clusterZone;

    @Label("Jumbop Zone")
    @Description("Name of the family's jumbop zone, whose Zone Statistics complete this event")
    String jumbopZone;

    @Label("Jumbo9 Zone")
    @Description("Name of the family's jumbo9 zone, whose Zone Statistics complete this event")
    String jumbo9Zone;

    @Label("Jumbo16 Zone")
    @Description("Name of the family's jumbo16 zone, whose Zone Statistics complete this event")
    String jumbo16Zone;
}
