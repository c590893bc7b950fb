package org.uma4j.agent.account;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.uma4j.agent.bridge.BufferHooks;
import org.uma4j.agent.bridge.BufferRecorder;

/**
 * The recorder behind the bridge: accounts each buffer returned by a rewritten call to its site
 * and size class, and samples one new buffer in {@code sampleEvery} for liveness.
 *
 * <p>Counts and bytes go to the calling thread's own counters ({@code PerThreadCounts}): plain
 * stores, no atomic instruction, folded by the readers. A wrap is counted but never sampled: it
 * makes no memory of its own, and its buffer is not even handed over (see the bridge's
 * {@code BufferRecorder}).
 *
 * <p>A sampled buffer gets a {@link WeakReference}; a daemon thread ("uma4j-liveness") takes the
 * cleared references from the queue and moves their bytes from live to dead, so the allocating
 * thread only pays for the reference. Which buffers are sampled is drawn per thread as the gap
 * to the next sampled one, geometrically distributed: each buffer is sampled with probability
 * {@code 1 / sampleEvery}, independently of the others, as with one coin per buffer, but the
 * thread only counts down. The live estimate of a site is its sampled live bytes times
 * {@code sampleEvery}, capped by its bytes. A heap buffer's slices and duplicates do not keep it
 * reachable, so the estimate counts buffer objects, not array reachability; memory is never
 * recycled on the strength of it.
 *
 * <p>Threading: {@link #allocated} and {@link #wrapped} are called by any application thread;
 * {@link #drainCollected()} may be called by any thread (the report does before reading counters).
 */
public final class Accounting implements BufferRecorder {

    private final SiteRegistry registry; // sites by id
    private final PerThreadCounts perThread; // the registry's per-thread counts
    private final int sampleEvery; // 1 in N new buffers is tracked; 0 = no tracking
    private final double logNotSampled; // log(1 - 1/sampleEvery), for the geometric gaps
    private final ReferenceQueue<ByteBuffer> collected = new ReferenceQueue<>(); // cleared samples
    private final Set<Sample> samples = ConcurrentHashMap.newKeySet(); // keeps references reachable

    /**
     * Creates the recorder.
     *
     * @param registry the sites that rewritten calls name
     * @param sampleEvery track one buffer in this many; 0 disables liveness tracking
     */
    public Accounting(SiteRegistry registry, int sampleEvery) {
        if (sampleEvery < 0) {
            throw new IllegalArgumentException("sampleEvery: " + sampleEvery + " (expected: >= 0)");
        }
        this.registry = registry;
        this.perThread = registry.perThread();
        this.sampleEvery = sampleEvery;
        this.logNotSampled = sampleEvery == 0 ? 0 : Math.log1p(-1.0 / sampleEvery);
    }

    /**
     * Makes this the bridge's recorder: rewritten calls are accounted from now on.
     *
     * <p>Done here, not by the agent's runtime: code that converts an {@code Accounting} to a
     * {@link BufferRecorder} makes the verifier load {@code BufferRecorder} through its class's
     * loader when that class is linked. {@code AgentRuntime} is linked before the bridge is on the
     * boot class path, so it would load a second copy from the agent jar; this class is loaded
     * after.
     */
    public void install() {
        BufferHooks.recorder = this; // volatile: published fully constructed
    }

    /** Starts the daemon thread that processes collected samples; call once. */
    public void startLivenessThread() {
        if (sampleEvery == 0) {
            return;
        }
        Thread t = new Thread(this::processCollected, "uma4j-liveness");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void allocated(ByteBuffer buffer, int capacity, int siteId) {
        ThreadCounts t = perThread.current();
        // The hot path: counted in the thread's own counters, and the countdown not yet out. With
        // sampling off the countdown is parked out of reach (sampleDue), so no other test is needed.
        if (perThread.add(t, siteId, capacity)) {
            if (--t.untilSample <= 0) {
                sampleDue(t, buffer, capacity, siteId);
            }
        } else if (t.owner == null && sampleEvery != 0 && registry.site(siteId) != null
                && ThreadLocalRandom.current().nextInt(sampleEvery) == 0) {
            // A virtual thread: no countdown of its own, one coin per buffer.
            track(buffer, capacity, siteId);
        }
    }

    @Override
    public void wrapped(int length, int siteId) {
        perThread.add(perThread.current(), siteId, length);
    }

    // The countdown ran out, or was never drawn (it starts at 0, so it is now below 0).
    private void sampleDue(ThreadCounts t, ByteBuffer buffer, int size, int siteId) {
        if (sampleEvery == 0) {
            t.untilSample = Long.MAX_VALUE; // not reached in 2^63 buffers: never due again
            return;
        }
        if (t.untilSample < 0) {
            // The thread's first new buffer is the first of its first gap.
            t.untilSample = nextGap() - 1;
            if (t.untilSample > 0) {
                return;
            }
        }
        t.untilSample = nextGap();
        track(buffer, size, siteId);
    }

    /** @return buffers up to and including the next one to sample: geometric, mean {@code sampleEvery} */
    private long nextGap() {
        if (sampleEvery == 1) {
            return 1;
        }
        // P(gap = k) = (1 - p)^(k - 1) p for p = 1 / sampleEvery; the cast saturates.
        double u = ThreadLocalRandom.current().nextDouble(); // [0, 1)
        return 1 + (long) (Math.log1p(-u) / logNotSampled);
    }

    private void track(ByteBuffer buffer, int size, int siteId) {
        SizeClassCounters c = registry.site(siteId).counters(SizeClass.of(size));
        c.sampledLiveCount.increment();
        c.sampledLiveBytes.add(size);
        samples.add(new Sample(buffer, collected, c, size));
    }

    /** @return one buffer in this many is tracked for liveness; 0 = none */
    public int sampleEvery() {
        return sampleEvery;
    }

    /**
     * Estimates the live bytes of a counter set from its samples.
     *
     * @param c the counters of one site and size class
     * @return estimated bytes still reachable
     */
    public long liveBytesEstimate(SizeClassCounters c) {
        return Math.min(c.bytes(), c.sampledLiveBytes() * sampleEvery);
    }

    /**
     * Estimates the live buffers of a counter set from its samples.
     *
     * @param c the counters of one site and size class
     * @return estimated buffers still reachable
     */
    public long liveCountEstimate(SizeClassCounters c) {
        return Math.min(c.count(), c.sampledLiveCount() * sampleEvery);
    }

    /** Processes the samples already collected, without waiting. */
    public void drainCollected() {
        Object ref;
        while ((ref = collected.poll()) != null) {
            retire((Sample) ref);
        }
    }

    private void processCollected() {
        try {
            while (true) {
                retire((Sample) collected.remove());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void retire(Sample s) {
        // remove() decides the race between this thread and drainCollected(): one retires it.
        if (samples.remove(s)) {
            s.counters.sampledLiveCount.decrement();
            s.counters.sampledLiveBytes.add(-s.size);
            s.counters.sampledDeadCount.increment();
            s.counters.sampledLifetimeNanos.add(System.nanoTime() - s.bornNanos);
        }
    }

    /** A tracked buffer: identity-compared, remembered until the buffer is collected. */
    private static final class Sample extends WeakReference<ByteBuffer> {
        final SizeClassCounters counters; // where the bytes were accounted
        final int size; // bytes accounted
        final long bornNanos; // System.nanoTime() at accounting

        Sample(ByteBuffer buffer, ReferenceQueue<ByteBuffer> q, SizeClassCounters counters, int size) {
            super(buffer, q);
            this.counters = counters;
            this.size = size;
            this.bornNanos = System.nanoTime();
        }
    }
}
