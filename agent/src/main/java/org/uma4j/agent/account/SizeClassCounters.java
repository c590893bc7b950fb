package org.uma4j.agent.account;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one call site and size class.
 *
 * <p>Threading: all fields are striped adders, updated by any thread and read racily (a report
 * taken while the application runs may be off by the calls in flight).
 */
public final class SizeClassCounters {

    final LongAdder count = new LongAdder(); // buffers returned to the application
    final LongAdder bytes = new LongAdder(); // their remaining() at return, summed
    final LongAdder sampledLiveCount = new LongAdder(); // sampled buffers not yet collected
    final LongAdder sampledLiveBytes = new LongAdder(); // their bytes
    final LongAdder sampledDeadCount = new LongAdder(); // sampled buffers seen collected
    final LongAdder sampledLifetimeNanos = new LongAdder(); // their summed lifetimes (upper bounds)

    /** @return buffers accounted */
    public long count() {
        return count.sum();
    }

    /** @return bytes accounted */
    public long bytes() {
        return bytes.sum();
    }

    /** @return sampled buffers still reachable */
    public long sampledLiveCount() {
        return sampledLiveCount.sum();
    }

    /** @return bytes of sampled buffers still reachable */
    public long sampledLiveBytes() {
        return sampledLiveBytes.sum();
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
