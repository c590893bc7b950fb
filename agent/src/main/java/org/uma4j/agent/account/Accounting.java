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
 * <p>A wrap is counted but never sampled: it makes no memory of its own, and its buffer is not
 * even handed over (see the bridge's {@code BufferRecorder}).
 *
 * <p>A sampled buffer gets a {@link WeakReference}; a daemon thread ("uma4j-liveness") takes the
 * cleared references from the queue and moves their bytes from live to dead, so the allocating
 * thread only pays for the reference. The live estimate of a site is its sampled live bytes
 * times {@code sampleEvery}, capped by its bytes. A heap buffer's slices and duplicates do not
 * keep it reachable, so the estimate counts buffer objects, not array reachability; memory is
 * never recycled on the strength of it.
 *
 * <p>Threading: {@link #allocated} and {@link #wrapped} are called by any application thread;
 * {@link #drainCollected()} may be called by any thread (the report does before reading counters).
 */
public final class Accounting implements BufferRecorder {

    private final SiteRegistry registry; // sites by id
    private final int sampleEvery; // 1 in N new buffers is tracked; 0 = no tracking
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
        SizeClassCounters c = count(capacity, siteId);
        if (c != null && sampleEvery != 0
                && (sampleEvery == 1 || ThreadLocalRandom.current().nextInt(sampleEvery) == 0)) {
            c.sampledLiveCount.increment();
            c.sampledLiveBytes.add(capacity);
            samples.add(new Sample(buffer, collected, c, capacity));
        }
    }

    @Override
    public void wrapped(int length, int siteId) {
        count(length, siteId);
    }

    /** Counts a buffer; returns its counters, or null for an unknown site. */
    private SizeClassCounters count(int size, int siteId) {
        Site site = registry.site(siteId);
        if (site == null) {
            return null;
        }
        SizeClassCounters c = site.counters(SizeClass.of(size));
        c.count.increment();
        c.bytes.add(size);
        return c;
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
