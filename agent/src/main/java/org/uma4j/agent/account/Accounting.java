package org.uma4j.agent.account;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ObjIntConsumer;

/**
 * The recorder behind the bridge: accounts each buffer returned by a rewritten call to its site
 * and size class, and samples one buffer in {@code sampleEvery} for liveness.
 *
 * <p>A sampled buffer gets a {@link WeakReference}; a daemon thread ("uma4j-liveness") takes the
 * cleared references from the queue and moves their bytes from live to dead, so the allocating
 * thread only pays for the reference. The live estimate of a site is its sampled live bytes
 * times {@code sampleEvery}, capped by its bytes. A heap buffer's slices and duplicates do not
 * keep it reachable, so the estimate counts buffer objects, not array reachability; memory is
 * never recycled on the strength of it.
 *
 * <p>Threading: {@link #accept} is called by any application thread; {@link #drainCollected()}
 * may be called by any thread (the report does before reading counters).
 */
public final class Accounting implements ObjIntConsumer<ByteBuffer> {

    private final SiteRegistry registry; // sites by id
    private final int sampleEvery; // 1 in N buffers is tracked; 0 = no tracking
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
        this.sampleEvery = sampleEvery;
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
    public void accept(ByteBuffer buffer, int siteId) {
        Site site = registry.site(siteId);
        if (site == null) {
            return;
        }
        int size = buffer.remaining(); // requested capacity, or the wrapped length
        SizeClassCounters c = site.counters(SizeClass.of(size));
        c.count.increment();
        c.bytes.add(size);
        if (sampleEvery != 0 && (sampleEvery == 1 || ThreadLocalRandom.current().nextInt(sampleEvery) == 0)) {
            c.sampledLiveCount.increment();
            c.sampledLiveBytes.add(size);
            samples.add(new Sample(buffer, collected, c, size));
        }
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
