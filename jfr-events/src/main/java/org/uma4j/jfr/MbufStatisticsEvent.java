package org.uma4j.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;

/** The mbuf family's {@code netstat -m} lines, once per period, from an {@link MbufStatsSource}. */
@Name(Names.MBUF_STATISTICS)
@Label("Mbuf Statistics")
@Description("The netstat -m lines of the mbuf family: mbufs, clusters and packets in use, cached, denied and delayed.")
@Category({"uma4j", "Statistics"})
@Period("10 s")
@StackTrace(false)
@Registered(false)
final class MbufStatisticsEvent extends jdk.jfr.Event {
    @Label("Mbufs In Use")
    @Description("mbufs in use (current), including those of packets")
    long mbufsUsed;

    @Label("Mbufs Cached")
    @Description("mbufs in use (cache)")
    long mbufsCached;

    @Label("Mbufs Total")
    @Description("mbufs in use (total)")
    long mbufsTotal;

    @Label("Clusters In Use")
    @Description("mbuf clusters in use (current), including those of packets")
    long clustersUsed;

    @Label("Clusters Cached")
    @Description("mbuf clusters in use (cache)")
    long clustersCached;

    @Label("Clusters Total")
    @Description("mbuf clusters in use (total)")
    long clustersTotal;

    @Label("Clusters Max")
    @Description("mbuf clusters in use (max): the nmbclusters limit, 0 for none")
    long clustersMax;

    @Label("Packets In Use")
    @Description("mbuf+clusters out of packet secondary zone in use (current)")
    long packetsUsed;

    @Label("Packets Cached")
    @Description("mbuf+clusters out of packet secondary zone in use (cache)")
    long packetsCached;

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
}
