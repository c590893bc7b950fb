package org.uma4j.agent.account;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.uma4j.agent.bridge.BufferHooks;
import org.uma4j.agent.bridge.BufferRecorder;
import org.uma4j.agent.bridge.SiteCell;

/**
 * The recorder behind the bridge: accounts each buffer returned by a rewritten call to its site
 * and size class, and samples one new buffer in {@code sampleEvery} for liveness.
 *
 * <p>Counts and bytes of a site's owner go to the site's {@link SiteCell}: the bridge adds the
 * owner's calls there itself and comes here only for the first buffer of a size class, and for
 * a buffer its countdown samples ({@link #sampleDue(ByteBuffer, int, SiteCell)}; on JDK 25 parked
 * in the cell and handed over at the site's next call, {@link #parkedDue(SiteCell)}); the first
 * platform thread that comes here for a site claims it. Every other platform thread claims a
 * stripe of the cell ({@link Site#claimStripe}), which the bridge counts in the same way; a
 * thread whose stripe another live thread holds, and a virtual thread, count in their own
 * counters ({@code PerThreadCounts}). Plain stores either way, no atomic instruction, folded by
 * the readers. A wrap is counted but never sampled: it makes no memory of its own, and its
 * buffer is not even handed over (see the bridge's {@code BufferRecorder}).
 *
 * <p>A sampled buffer gets a {@link WeakReference}; a daemon thread ("uma4j-liveness") takes the
 * cleared references from the queue and moves their bytes from live to dead, so the allocating
 * thread only pays for the reference. Once a second that thread also tracks the buffers still
 * parked in site cells (JDK 25) whose owners have not called again ({@link #takeParked}), and
 * so does {@link #drainCollected()}: a sampled buffer is tracked at most that long after it was
 * made, and its lifetime counts from then. Which buffers are sampled is drawn per countdown (each
 * thread's own, and one per site in its owner's cell) as the gap
 * to the next sampled one, geometrically distributed with a mean of at least {@code sampleEvery}:
 * each buffer is sampled with probability {@code 1 / mean}, independently of the others, as with
 * one coin per buffer, but the thread only counts down.
 *
 * <p>Sampling is throttled per thread, as JFR throttles its allocation samples: at most
 * {@code sampleRate} samples a second. Every weak reference costs the collector work at each
 * collection that finds it, so without a cap a buffer-heavy thread would pay for its samples in
 * GC time, in proportion to its allocation rate. A thread that spends its budget of a 100 ms
 * window early doubles its mean gap; one that used half of its budget for the time gone by or
 * less, seen at its next sample, shortens the gap in proportion, down to {@code sampleEvery}.
 * Each sample carries the mean its gap was drawn with as its weight, the number of buffers it
 * stands for; the live estimate of a site is the weighted sum of its live samples
 * (Horvitz-Thompson: unbiased, because a gap's mean is fixed before any of its buffers is seen),
 * capped by its bytes. After a burst a quiet thread's next sample may be a burst's worth of
 * buffers away: its estimate stays unbiased, with a wider spread. A heap buffer's slices and
 * duplicates do not keep it reachable, so the estimate counts buffer objects, not array
 * reachability; memory is never recycled on the strength of it.
 *
 * <p>Threading: {@link #allocated} and {@link #wrapped} are called by any application thread;
 * {@link #drainCollected()} may be called by any thread (the report does before reading counters).
 */
public final class Accounting implements BufferRecorder {

    private final SiteRegistry registry; // sites by id
    private final PerThreadCounts perThread; // the registry's per-thread counts
    /** The throttle's window: the mean gap adapts within a tenth of a second. */
    static final long WINDOW_NANOS = 100_000_000L;
    /** The largest mean gap: a weight times an int size must not overflow a long. */
    static final long MAX_MEAN = 1L << 30;
    /** The liveness thread takes the buffers still parked in site cells this often. */
    static final long PARKED_PASS_MILLIS = 1_000L;

    private final int sampleEvery; // at most 1 in N new buffers is tracked; 0 = no tracking
    private final int windowBudget; // samples a thread may take per window; Integer.MAX_VALUE = no limit
    private final ReferenceQueue<ByteBuffer> collected = new ReferenceQueue<>(); // cleared samples
    private final Set<Sample> samples = ConcurrentHashMap.newKeySet(); // keeps references reachable

    /**
     * Creates a recorder whose sampling is not throttled: exactly one buffer in {@code sampleEvery}
     * on average, each of weight {@code sampleEvery}.
     *
     * @param registry the sites that rewritten calls name
     * @param sampleEvery track one buffer in this many; 0 disables liveness tracking
     */
    public Accounting(SiteRegistry registry, int sampleEvery) {
        this(registry, sampleEvery, 0);
    }

    /**
     * Creates the recorder.
     *
     * @param registry the sites that rewritten calls name
     * @param sampleEvery track at most one buffer in this many; 0 disables liveness tracking
     * @param sampleRate track at most this many buffers a second per platform thread; 0 = no limit
     */
    public Accounting(SiteRegistry registry, int sampleEvery, int sampleRate) {
        if (sampleEvery < 0) {
            throw new IllegalArgumentException("sampleEvery: " + sampleEvery + " (expected: >= 0)");
        }
        if (sampleRate < 0) {
            throw new IllegalArgumentException("sampleRate: " + sampleRate + " (expected: >= 0, 0 = no limit)");
        }
        this.registry = registry;
        this.perThread = registry.perThread();
        this.sampleEvery = sampleEvery;
        // Rounded up: a rate below 10 a second still allows one sample per window.
        this.windowBudget = sampleRate == 0 ? Integer.MAX_VALUE
                : (int) ((sampleRate * WINDOW_NANOS + 999_999_999L) / 1_000_000_000L);
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
        registry.bindCells(true); // owners' calls are counted in the bridge from now on
        BufferHooks.recorder = this; // volatile: published fully constructed
    }

    /** Undoes {@link #install}: rewritten calls find no recorder and no site cells, and count nothing. */
    public void uninstall() {
        BufferHooks.recorder = null;
        registry.bindCells(false);
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
        Site s = ownedSite(t, siteId);
        if (s != null) {
            if (s.cell().pending != null) {
                settle(s.cell(), t); // parked before this thread claimed the site: its gap ends first
            }
            countOwned(s, s.cell(), t, buffer, capacity);
            return;
        }
        allocatedByNonOwner(t, buffer, capacity, siteId);
    }

    // In a cell the calling thread owns: the site's own or one of its stripes.
    private void countOwned(Site s, SiteCell cell, ThreadCounts t, ByteBuffer buffer, int capacity) {
        long[] row = perThread.addOwned(s, cell, capacity);
        if (--row[SiteCell.COUNTDOWN] <= 0) {
            sampleDue(row, t, buffer, capacity, s.id());
        }
    }

    @Override
    public void allocatedElsewhere(ByteBuffer buffer, int capacity, int siteId) {
        allocatedByNonOwner(perThread.current(), buffer, capacity, siteId);
    }

    // Another thread owns the site, or a virtual thread calls.
    private void allocatedByNonOwner(ThreadCounts t, ByteBuffer buffer, int capacity, int siteId) {
        Site s = sharedSite(t, siteId);
        SiteCell stripe = s != null ? s.claimStripe(t.owner) : null;
        if (stripe != null) {
            countOwned(s, stripe, t, buffer, capacity); // from the next call on, the bridge counts it there
            return;
        }
        // Counted in the thread's own counters, and the countdown not yet out. With sampling off
        // the countdown is parked out of reach (sampleDue), so no other test is needed.
        if (perThread.add(t, siteId, capacity)) {
            long[] cd = t.countdown;
            if (--cd[SiteCell.COUNTDOWN] <= 0) {
                sampleDue(cd, t, buffer, capacity, siteId);
            }
        } else if (t.owner == null && sampleEvery != 0 && registry.site(siteId) != null
                && ThreadLocalRandom.current().nextInt(sampleEvery) == 0) {
            // A virtual thread: no countdown of its own, one coin per buffer, and no throttle.
            track(buffer, capacity, siteId, sampleEvery, System.nanoTime());
        }
    }

    @Override
    public void wrapped(int length, int siteId) {
        ThreadCounts t = perThread.current();
        Site s = ownedSite(t, siteId);
        if (s != null) {
            perThread.addOwned(s, s.cell(), length);
        } else {
            wrappedByNonOwner(t, length, siteId);
        }
    }

    @Override
    public void wrappedElsewhere(int length, int siteId) {
        wrappedByNonOwner(perThread.current(), length, siteId);
    }

    private void wrappedByNonOwner(ThreadCounts t, int length, int siteId) {
        Site s = sharedSite(t, siteId);
        SiteCell stripe = s != null ? s.claimStripe(t.owner) : null;
        if (stripe != null) {
            perThread.addOwned(s, stripe, length);
        } else {
            perThread.add(t, siteId, length);
        }
    }

    /**
     * Returns the site if the calling thread may claim one of its stripes: a platform thread, a
     * known id, and no row of its own for the site. A thread that found its stripe held counts
     * there in its row from then on, so that such calls do not try a claim each time.
     */
    private Site sharedSite(ThreadCounts t, int siteId) {
        return t.owner != null && !perThread.hasRow(t, siteId) ? registry.site(siteId) : null;
    }

    /**
     * Returns the site if the calling thread owns it, claiming it if nobody does: the site's
     * owner comes here for the calls the bridge leaves over (the first of a size class), its
     * first platform thread to claim it. Null for another thread's site, a virtual thread, or an
     * unknown id.
     */
    private Site ownedSite(ThreadCounts t, int siteId) {
        Site s = registry.site(siteId);
        return s != null && t.owner != null && s.cell().claim(t.owner) ? s : null;
    }

    @Override
    public void sampleDue(ByteBuffer buffer, int capacity, SiteCell cell) {
        ThreadCounts t = perThread.current();
        if (t.owner != null && cell.owner == t.owner) {
            sampleDue(cell.row, t, buffer, capacity, cell.site); // the bridge counted it, in the owner's row
        }
    }

    @Override
    public void parkedDue(SiteCell cell) {
        ThreadCounts t = perThread.current();
        if (t.owner != null && cell.owner == t.owner) {
            settle(cell, t); // else released since the bridge checked: the next claimer settles it
        }
    }

    /**
     * Ends the gap that a buffer parked in {@code cell} ran out: tracks the buffer (unless the
     * liveness thread took it, {@link #takeParked}) and draws the next countdown. Owner only.
     */
    private void settle(SiteCell cell, ThreadCounts t) {
        ByteBuffer b = cell.takePending();
        long weight = nextCountdown(cell.row, t);
        if (weight != 0 && b != null && b != SiteCell.TAKEN) {
            track(b, b.capacity(), cell.site, weight, System.nanoTime());
        }
    }

    /**
     * A countdown ran out, or was never drawn (it starts at 0, so it is now below 0): the thread's
     * own ({@link ThreadCounts#countdown}) or that of a site it owns (the head of its cell's row).
     * Each is a run of independent draws, so together they still sample every buffer with the
     * chance its weight says; the throttling window is the thread's, over all of them.
     *
     * @param cd the countdown and its mean, at {@code SiteCell.COUNTDOWN} and {@code SiteCell.MEAN}
     * @param t the calling thread's counts: its window
     */
    private void sampleDue(long[] cd, ThreadCounts t, ByteBuffer buffer, int size, int siteId) {
        long weight = nextCountdown(cd, t);
        if (weight != 0) {
            track(buffer, size, siteId, weight, System.nanoTime());
        }
    }

    /**
     * Draws the next gap of a countdown that ran out (see {@link #sampleDue}). Owner only.
     *
     * @return the weight of the buffer that ran it out, or 0 if that buffer is not sampled
     */
    private long nextCountdown(long[] cd, ThreadCounts t) {
        if (sampleEvery == 0) {
            cd[SiteCell.COUNTDOWN] = Long.MAX_VALUE; // not reached in 2^63 buffers: never due again
            return 0;
        }
        if (cd[SiteCell.MEAN] == 0) {
            // The countdown's first new buffer is the first of its first gap.
            cd[SiteCell.MEAN] = sampleEvery;
            cd[SiteCell.COUNTDOWN] = nextGap(sampleEvery) - 1;
            if (cd[SiteCell.COUNTDOWN] > 0) {
                return 0;
            }
        }
        long weight = cd[SiteCell.MEAN]; // the gap that ends with this buffer was drawn with this mean
        cd[SiteCell.MEAN] = throttle(t, weight, System.nanoTime());
        cd[SiteCell.COUNTDOWN] = nextGap(cd[SiteCell.MEAN]);
        return weight;
    }

    /**
     * Tracks the buffers still parked in site cells (see {@link SiteCell#pending}), for the
     * liveness thread and for readers: the owner's next call then only draws its next countdown.
     * Any thread.
     */
    private void takeParked() {
        if (!BufferHooks.PARKS_SAMPLES) {
            return; // nothing is ever parked
        }
        for (Site s : registry.sites()) {
            SiteCell cell = s.cell();
            if (cell.pending == null) {
                continue;
            }
            // Read before the swap: the owner writes the mean only after its own swap. Racy as
            // the folds are: the owner's row is published by no barrier.
            long weight = cell.row[SiteCell.MEAN];
            ByteBuffer b = weight != 0 ? cell.takeParked() : null;
            if (b != null) {
                track(b, b.capacity(), cell.site, weight, System.nanoTime());
            }
        }
    }

    /**
     * Counts a sample in the thread's window and returns the mean gap to draw the next one with.
     * Changed only here, between gaps, so every buffer of a gap had the same chance.
     *
     * @param mean the mean gap the ending countdown was drawn with
     */
    private long throttle(ThreadCounts t, long mean, long now) {
        if (windowBudget == Integer.MAX_VALUE) {
            return mean;
        }
        int n = ++t.windowSamples;
        if (now - t.windowStart < WINDOW_NANOS) {
            if (n < windowBudget) {
                return mean;
            }
            mean = Math.min(mean * 2, MAX_MEAN); // the window's budget is spent early: sample half as often
        } else {
            // The window is out: at half the budget for the time gone by or less, sample as much
            // more often as the budget allows (at once, after a quiet spell), down to sampleEvery.
            double used = n * (double) WINDOW_NANOS / ((double) windowBudget * (now - t.windowStart));
            if (used <= 0.5) {
                mean = Math.max(sampleEvery, (long) (mean * used));
            }
        }
        t.windowStart = now;
        t.windowSamples = 0;
        return mean;
    }

    /** @return buffers up to and including the next one to sample: geometric with this mean */
    private static long nextGap(long mean) {
        if (mean == 1) {
            return 1;
        }
        // P(gap = k) = (1 - p)^(k - 1) p for p = 1 / mean; the cast saturates.
        double u = ThreadLocalRandom.current().nextDouble(); // [0, 1)
        return 1 + (long) (Math.log1p(-u) / Math.log1p(-1.0 / mean));
    }

    private void track(ByteBuffer buffer, int size, int siteId, long weight, long now) {
        SizeClassCounters c = registry.site(siteId).counters(SizeClass.of(size));
        c.sampledLiveCount.increment();
        c.liveCountEstimate.add(weight);
        c.liveBytesEstimate.add(weight * size);
        samples.add(new Sample(buffer, collected, c, size, weight, now));
    }

    /** @return at most one buffer in this many is tracked for liveness; 0 = none */
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
        return Math.min(c.bytes(), c.liveBytesEstimate());
    }

    /**
     * Estimates the live buffers of a counter set from its samples.
     *
     * @param c the counters of one site and size class
     * @return estimated buffers still reachable
     */
    public long liveCountEstimate(SizeClassCounters c) {
        return Math.min(c.count(), c.liveCountEstimate());
    }

    /** Takes the parked samples and processes the samples already collected, without waiting. */
    public void drainCollected() {
        takeParked();
        Object ref;
        while ((ref = collected.poll()) != null) {
            retire((Sample) ref);
        }
    }

    private void processCollected() {
        try {
            long nextPass = System.nanoTime();
            long timeout = BufferHooks.PARKS_SAMPLES ? PARKED_PASS_MILLIS : 0; // 0: wait for a reference only
            while (true) {
                Object ref = collected.remove(timeout);
                if (ref != null) {
                    retire((Sample) ref);
                }
                long now = System.nanoTime();
                if (now - nextPass >= 0) {
                    nextPass = now + PARKED_PASS_MILLIS * 1_000_000L;
                    takeParked(); // a site not called again gives its sampled buffer up within a pass
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void retire(Sample s) {
        // remove() decides the race between this thread and drainCollected(): one retires it.
        if (samples.remove(s)) {
            s.counters.sampledLiveCount.decrement();
            s.counters.liveCountEstimate.add(-s.weight);
            s.counters.liveBytesEstimate.add(-s.weight * s.size);
            s.counters.sampledDeadCount.increment();
            s.counters.sampledLifetimeNanos.add(System.nanoTime() - s.bornNanos);
        }
    }

    /** A tracked buffer: identity-compared, remembered until the buffer is collected. */
    private static final class Sample extends WeakReference<ByteBuffer> {
        final SizeClassCounters counters; // where the bytes were accounted
        final int size; // bytes accounted
        final long weight; // buffers this sample stands for: the mean gap it was drawn with
        final long bornNanos; // System.nanoTime() at accounting

        Sample(ByteBuffer buffer, ReferenceQueue<ByteBuffer> q, SizeClassCounters counters, int size, long weight,
                long bornNanos) {
            super(buffer, q);
            this.counters = counters;
            this.size = size;
            this.weight = weight;
            this.bornNanos = bornNanos;
        }
    }
}
