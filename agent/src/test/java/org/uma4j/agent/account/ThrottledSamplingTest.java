package org.uma4j.agent.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.uma4j.agent.bridge.SiteCell;

/**
 * The liveness sampling throttle: a buffer-heavy thread takes at most about {@code sampleRate}
 * samples a second however fast it allocates; the weighted estimate stays unbiased while the
 * rate is capped (kept buffers are estimated live, dropped ones dead); and a thread that went
 * quiet after a burst samples often again at its next sample.
 */
class ThrottledSamplingTest {

    private static final int SIZE = 16;

    @Test
    void aBufferHeavyThreadTakesAboutTheRateNotOneSampleInN() {
        SiteRegistry registry = new SiteRegistry();
        Accounting accounting = new Accounting(registry, 1, 100); // every buffer a candidate, 100 a second
        int site = registry.register("C", "m", "()V", 0, null, -1, CallKind.ALLOCATE, false);
        ByteBuffer kept = ByteBuffer.allocate(SIZE);
        long start = System.nanoTime();
        long buffers = allocateFor(accounting, site, kept, -1, 500);
        double seconds = (System.nanoTime() - start) / 1e9;
        SizeClassCounters c = registry.site(site).countersIfUsed(SizeClass.of(SIZE));
        long samples = c.sampledLiveCount() + c.sampledDeadCount();
        // Each doubling of the gap may take one window's budget (10) early, at most 30 of them.
        long bound = (long) (100 * seconds) + 10 * 32;
        assertTrue(samples <= bound, samples + " samples of " + buffers + " buffers in " + seconds
                + " s (expected: at most " + bound + ")");
        assertTrue(samples >= 10, samples + " samples (expected: at least the first window's budget, 10)");
        assertEquals(buffers, c.count());
    }

    @Test
    void theWeightedEstimateFollowsWhatStaysReachableWhileThrottled() throws InterruptedException {
        SiteRegistry registry = new SiteRegistry();
        Accounting accounting = new Accounting(registry, 1, 1_000);
        int keptSite = registry.register("C", "kept", "()V", 0, null, -1, CallKind.ALLOCATE, false);
        int droppedSite = registry.register("C", "dropped", "()V", 0, null, -1, CallKind.ALLOCATE, false);
        ByteBuffer kept = ByteBuffer.allocate(SIZE); // every sample of keptSite refers to it: all stay live
        allocateFor(accounting, keptSite, kept, droppedSite, 1_000);
        SizeClassCounters k = registry.site(keptSite).countersIfUsed(SizeClass.of(SIZE));
        SizeClassCounters d = registry.site(droppedSite).countersIfUsed(SizeClass.of(SIZE));
        assertTrue(k.sampledLiveCount() < k.count() / 100, k.sampledLiveCount() + " samples of " + k.count()
                + " buffers (expected: throttled far below one in one)");
        // Unbiased: about a sample's weight per buffer it stood for. An unweighted estimate
        // (samples x sample) would be off by orders of magnitude.
        double ratio = (double) k.liveBytesEstimate() / k.bytes();
        assertTrue(ratio > 0.75 && ratio < 1.25, "kept site's estimate " + k.liveBytesEstimate() + " of "
                + k.bytes() + " bytes live, ratio " + ratio + " (expected: within 25 %)");
        assertEquals(Math.min(k.bytes(), k.liveBytesEstimate()), accounting.liveBytesEstimate(k));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (d.sampledLiveCount() > 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
            accounting.drainCollected();
        }
        assertEquals(0, d.sampledLiveCount(), "every dropped buffer's sample seen collected");
        assertEquals(0, d.liveBytesEstimate(), "dropped site's estimate once collected");
        assertEquals(0, d.liveCountEstimate());
        assertTrue(d.sampledDeadCount() > 0);
        assertTrue(k.sampledLiveCount() > 0 && kept.capacity() == SIZE, "kept buffer still sampled live");
    }

    @Test
    void aQuietThreadSamplesOftenAgainAtItsNextSample() throws InterruptedException {
        SiteRegistry registry = new SiteRegistry();
        Accounting accounting = new Accounting(registry, 1, 100);
        int site = registry.register("C", "m", "()V", 0, null, -1, CallKind.ALLOCATE, false);
        ByteBuffer kept = ByteBuffer.allocate(SIZE);
        allocateFor(accounting, site, kept, -1, 300);
        long[] row = registry.site(site).cell().row;
        long burstMean = row[SiteCell.MEAN];
        assertTrue(burstMean >= 64, "mean gap " + burstMean + " after a burst (expected: raised by the throttle)");
        Thread.sleep(1_000);
        SizeClassCounters c = registry.site(site).countersIfUsed(SizeClass.of(SIZE));
        long before = c.sampledLiveCount();
        for (long i = 0; c.sampledLiveCount() == before; i++) {
            assertTrue(i < 1_000L * burstMean, "no sample in " + i + " buffers at mean gap " + burstMean);
            accounting.allocated(kept, SIZE, site);
        }
        long mean = registry.site(site).cell().row[SiteCell.MEAN]; // the owner's countdown
        assertTrue(mean <= burstMean / 4, "mean gap " + mean + " after a quiet second (expected: "
                + "at most a quarter of " + burstMean + ")");
    }

    @Test
    void unthrottledAndBadRates() {
        SiteRegistry registry = new SiteRegistry();
        Accounting unthrottled = new Accounting(registry, 1, 0);
        int site = registry.register("C", "m", "()V", 0, null, -1, CallKind.ALLOCATE, false);
        ByteBuffer kept = ByteBuffer.allocate(SIZE);
        for (int i = 0; i < 100_000; i++) {
            unthrottled.allocated(kept, SIZE, site);
        }
        SizeClassCounters c = registry.site(site).countersIfUsed(SizeClass.of(SIZE));
        assertEquals(100_000, c.sampledLiveCount(), "sampleRate=0: no limit, every buffer at sample=1");
        assertEquals(100_000L * SIZE, c.liveBytesEstimate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Accounting(registry, 1, -1));
        assertEquals("sampleRate: -1 (expected: >= 0, 0 = no limit)", e.getMessage());
    }

    /**
     * Accounts buffers for {@code millis}: {@code kept} at {@code site}, and, when
     * {@code otherSite} is not -1, a fresh buffer dropped at once at {@code otherSite} after each.
     *
     * @return buffers accounted at {@code site}
     */
    private static long allocateFor(Accounting accounting, int site, ByteBuffer kept, int otherSite,
            long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        long n = 0;
        do {
            for (int i = 0; i < 4_096; i++) {
                accounting.allocated(kept, SIZE, site);
                if (otherSite != -1) {
                    accounting.allocated(ByteBuffer.allocate(SIZE), SIZE, otherSite);
                }
            }
            n += 4_096;
        } while (System.nanoTime() < end);
        return n;
    }
}
