package org.uma4j.agent.account;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one call site and size class.
 *
 * <p>Buffers and bytes are counted per platform thread ({@code PerThreadCounts}, no atomic on the
 * accounting path); {@link #count()} and {@link #bytes()} add up the threads' counts, those of
 * ended threads (adopted here), and the virtual threads' shared adders. The liveness samples are
 * rare (one buffer in {@code sample} at most, and at most {@code sampleRate} a second per thread)
 * and stay striped adders. Each sample stands for as many buffers as its weight, the mean gap it
 * was drawn with; the estimates add up weights, the {@code sampled*} counts add up samples.
 *
 * <p>Threading: the adders are updated by any thread; {@code adopted*} only under the
 * {@code PerThreadCounts} lock. Reads are racy: a report taken while the application runs may be
 * off by the calls in flight.
 */
public final class SizeClassCounters {

    final PerThreadCounts perThread; // the threads' own counts of this class
    final int site; // the site's id
    final int sizeClass; // the SizeClass index
    long adoptedCount; // buffers counted by ended threads; guarded by the PerThreadCounts lock
    long adoptedBytes; // their bytes; guarded by the PerThreadCounts lock
    final LongAdder sharedCount = new LongAdder(); // buffers counted by virtual threads
    final LongAdder sharedBytes = new LongAdder(); // their bytes
    final LongAdder sampledLiveCount = new LongAdder(); // sampled buffers not yet collected
    final LongAdder liveCountEstimate = new LongAdder(); // the same buffers, each times its weight
    final LongAdder liveBytesEstimate = new LongAdder(); // their bytes, each times its weight
    final LongAdder sampledDeadCount = new LongAdder(); // sampled buffers seen collected
    final LongAdder sampledLifetimeNanos = new LongAdder(); // their summed lifetimes (upper bounds)

    SizeClassCounters(PerThreadCounts perThread, int site, int sizeClass) {
        this.perThread = perThread;
        this.site = site;
        this.sizeClass = sizeClass;
    }

    /** @return buffers accounted, by all threads */
    public long count() {
        return perThread.count(this) + sharedCount.sum();
    }

    /** @return bytes accounted, by all threads */
    public long bytes() {
        return perThread.bytes(this) + sharedBytes.sum();
    }

    /** @return sampled buffers still reachable */
    public long sampledLiveCount() {
        return sampledLiveCount.sum();
    }

    /** @return the estimate of buffers still reachable: the weights of the live samples */
    public long liveCountEstimate() {
        return liveCountEstimate.sum();
    }

    /** @return the estimate of bytes still reachable: the live samples' bytes times their weights */
    public long liveBytesEstimate() {
        return liveBytesEstimate.sum();
    }

    /** @return sampled buffers seen unreachable */
    public long sampledDeadCount() {
        return sampledDeadCount.sum();
    }

    /** @return summed lifetime of the sampled buffers seen unreachable, in nanoseconds */
    public long sampledLifetimeNanos() {
        return sampledLifetimeNanos.sum();
    }
}
