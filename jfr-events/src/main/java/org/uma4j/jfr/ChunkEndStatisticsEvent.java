package org.uma4j.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;

/**
 * The end-of-chunk snapshot: never committed itself, its periodic hook writes one more
 * {@code ZoneStatistics}, {@code MbufStatistics} and {@code CallSiteStatistics} round (each only
 * if enabled) when JFR ends a chunk, which it also does when it stops a recording or dumps it at
 * exit. So a recording shorter than the statistics' period, and the last seconds of a longer
 * one, still carry the numbers. A shutdown hook of uma4j's own could not do that reliably: JFR's
 * own hook dumps the recording concurrently.
 */
@Name(Names.CHUNK_END_STATISTICS)
@Label("Statistics At Chunk End")
@Description("Not written itself: when enabled, the zone, mbuf and call-site statistics are also written at the end"
        + " of every chunk, including the last one when the recording stops or is dumped at exit.")
@Category({"uma4j", "Statistics"})
@Period("endChunk")
@StackTrace(false)
@Registered(false)
final class ChunkEndStatisticsEvent extends jdk.jfr.Event {
}
