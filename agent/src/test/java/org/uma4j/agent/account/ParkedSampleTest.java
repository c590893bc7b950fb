package org.uma4j.agent.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.uma4j.agent.bridge.BufferHooks;
import org.uma4j.agent.bridge.SiteCell;

/**
 * A buffer that runs its site owner's countdown out is parked in the site's cell and tracked
 * later (see {@link SiteCell#pending}): at the owner's next call there, or by whoever takes the
 * parked samples first ({@link Accounting#drainCollected()}, the liveness thread). Each sampled
 * buffer is tracked exactly once, none is lost, and another thread's call does not take it.
 * Where samples are not parked (before JDK 25) there is nothing to test here; CI runs these
 * tests on JDK 25 as well.
 */
@EnabledIf("org.uma4j.agent.account.ParkedSampleTest#parks")
class ParkedSampleTest {
    static boolean parks() {
        return BufferHooks.PARKS_SAMPLES;
    }

    private SiteRegistry registry;
    private Accounting accounting;
    private SiteCell cell;

    private int install(int sample) {
        return install(sample, CallKind.ALLOCATE);
    }

    private int install(int sample, CallKind kind) {
        registry = new SiteRegistry();
        accounting = new Accounting(registry, sample, 0);
        int site = registry.register("C", "m", "()V", 0, null, -1, kind, false);
        accounting.install();
        cell = BufferHooks.cell(MethodHandles.lookup(), "site", SiteCell.class, site);
        return site;
    }

    @AfterEach
    void uninstall() {
        if (accounting != null) {
            accounting.uninstall();
        }
    }

    private SizeClassCounters counters(int site, int size) {
        return registry.site(site).countersIfUsed(SizeClass.of(size));
    }

    /** Samples taken so far, live or collected. */
    private static long tracked(SizeClassCounters c) {
        return c.sampledLiveCount() + c.sampledDeadCount();
    }

    /** Samples taken so far at a site, over its size classes. */
    private long trackedAtSite(int site) {
        long n = 0;
        for (int k = 0; k < SizeClass.COUNT; k++) {
            SizeClassCounters c = registry.site(site).countersIfUsed(k);
            n += c == null ? 0 : tracked(c);
        }
        return n;
    }

    @Test
    void theParkedBufferIsTrackedAtTheOwnersNextCall() {
        int site = install(1);
        List<ByteBuffer> kept = new ArrayList<>();
        kept.add(BufferHooks.allocate(100, cell)); // the recorder's (first of its class): tracked at once
        kept.add(BufferHooks.allocate(100, cell)); // the bridge's: parked
        assertSame(kept.get(1), cell.pending, "the buffer that ran the countdown out is parked, not handed over");
        SizeClassCounters c = counters(site, 100);
        assertEquals(1, tracked(c));
        kept.add(BufferHooks.allocate(100, cell));
        assertSame(kept.get(2), cell.pending, "the next call handed the parked one over, then parked its own");
        assertEquals(2, tracked(c));
        assertEquals(3, c.count());
    }

    @Test
    void aTakenParkedBufferIsTrackedOnceAndTheOwnerStillDrawsItsNextGap() {
        int site = install(1);
        List<ByteBuffer> kept = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            kept.add(BufferHooks.allocate(64, cell));
        }
        SizeClassCounters c = counters(site, 64);
        assertEquals(9, tracked(c));
        accounting.drainCollected(); // as the liveness thread's pass
        assertSame(SiteCell.TAKEN, cell.pending, "taken, and marked so the owner still redraws");
        assertEquals(10, tracked(c));
        accounting.drainCollected();
        assertEquals(10, tracked(c), "a second pass finds nothing parked");
        kept.add(BufferHooks.allocate(64, cell)); // settles without tracking the taken one again
        assertSame(kept.get(10), cell.pending);
        assertEquals(10, tracked(c));
        assertTrue(cell.row[SiteCell.COUNTDOWN] <= 0, "the new gap (1 at sample=1) ran out at once");
        accounting.drainCollected();
        assertEquals(11, c.count());
        assertEquals(11, tracked(c), "every buffer sampled, each once");
        assertEquals(11, trackedAtSite(site), "and nothing else: the marker left for the owner is never tracked");
    }

    @Test
    void anotherThreadsCallLeavesTheOwnersParkedBuffer() throws InterruptedException {
        int site = install(1);
        List<ByteBuffer> kept = new ArrayList<>();
        kept.add(BufferHooks.allocate(32, cell));
        ByteBuffer parked = BufferHooks.allocate(32, cell);
        Thread other = new Thread(() -> kept.add(BufferHooks.allocate(32, cell)));
        other.start();
        other.join();
        assertSame(parked, cell.pending, "only the owner hands its parked buffer over");
        SizeClassCounters c = counters(site, 32);
        assertEquals(3, c.count());
        assertEquals(2, tracked(c), "the owner's first and the other thread's, sampled by its stripe's countdown");
        kept.add(BufferHooks.allocate(32, cell));
        assertEquals(3, tracked(c), "the owner's next call tracked the parked one");
    }

    @Test
    void aBufferOverTheParkingLimitIsTrackedAtOnce() {
        int site = install(1);
        int big = BufferHooks.PARK_MAX + 1;
        List<ByteBuffer> kept = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            kept.add(BufferHooks.allocate(big, cell));
        }
        assertNull(cell.pending, "a cell never keeps more than PARK_MAX bytes alive");
        assertEquals(3, tracked(counters(site, big)));
        kept.add(BufferHooks.allocate(BufferHooks.PARK_MAX, cell)); // first of its class: the recorder's
        kept.add(BufferHooks.allocate(BufferHooks.PARK_MAX, cell)); // the limit itself is parked
        assertSame(kept.get(4), cell.pending);
    }

    @Test
    void aDirectBufferIsNeverParked() {
        int site = install(1, CallKind.ALLOCATE_DIRECT);
        List<ByteBuffer> kept = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            kept.add(BufferHooks.allocateDirect(64, cell));
        }
        assertNull(cell.pending, "native memory is never held by a cell");
        assertEquals(3, tracked(counters(site, 64)));
    }

    @Test
    void withSamplingOffNothingIsEverParked() {
        install(0);
        for (int i = 0; i < 1000; i++) {
            BufferHooks.allocate(16, cell);
        }
        assertNull(cell.pending);
    }

    @Test
    void theLivenessThreadTakesABufferParkedAtASiteNotCalledAgain() throws InterruptedException {
        int site = install(1);
        accounting.startLivenessThread();
        BufferHooks.allocate(48, cell);
        ByteBuffer parked = BufferHooks.allocate(48, cell);
        SizeClassCounters c = counters(site, 48);
        long deadline = System.nanoTime() + 10_000_000_000L; // the pass runs once a second
        while (tracked(c) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(2, tracked(c), "taken by the liveness thread's pass");
        assertSame(SiteCell.TAKEN, cell.pending);
        assertEquals(48, parked.capacity());
    }
}
