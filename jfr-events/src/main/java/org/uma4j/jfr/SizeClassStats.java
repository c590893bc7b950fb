package org.uma4j.jfr;

/**
 * One size class of buffers that the agent accounts without pooling them (its {@code heap},
 * {@code direct} and {@code wrap} families of {@code ByteBuffer} calls), summed over the call
 * sites: what a {@link SizeClassSource} reports each period and what
 * {@link RecordingReader#sizeClasses()} reads back. The JSON report and {@code umastat} show
 * these as zones, {@code <family>-<size>}, beside the allocator's own.
 *
 * @param zone the size class's zone name, e.g. {@code heap-2048}
 * @param family {@code heap}, {@code direct} or {@code wrap}
 * @param size the size class's upper bound in bytes
 * @param limit the limit configured for the zone name, 0 for none (shown, not enforced)
 * @param allocations buffers accounted in the class
 * @param bytes their bytes (the requested capacities)
 * @param live estimate of those buffers still reachable
 * @param liveBytes estimate of their bytes
 */
public record SizeClassStats(String zone, String family, long size, long limit, long allocations, long bytes,
        long live, long liveBytes) {
}
