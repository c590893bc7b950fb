package org.uma4j.agent.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.uma4j.agent.bridge.BufferHooks;
import org.uma4j.agent.bridge.BufferRecorder;
import org.uma4j.agent.bridge.SiteCell;

/**
 * Counting in the site's cell and its stripes: the bridge counts its owner's calls itself, and
 * other threads' in their stripes; the totals stay exact when a thread has no stripe, when an
 * owner ends and another takes over, and with liveness sampling through the bridge; an
 * uninstalled recorder's cells count nothing.
 */
class SiteCellTest {
    private static final int[] SIZES = {0, 1, 64, 100, 4096, 70_000};

    private SiteRegistry registry;
    private Accounting accounting;

    private int install(int sample, CallKind kind) {
        registry = new SiteRegistry();
        accounting = new Accounting(registry, sample, 0);
        int site = registry.register("C", "m", "()V", 0, null, -1, kind, false);
        accounting.install();
        return site;
    }

    @AfterEach
    void uninstall() {
        if (accounting != null) {
            accounting.uninstall();
        }
    }

    private static void wrapAll(int site, int rounds) {
        for (int i = 0; i < rounds; i++) {
            for (int size : SIZES) {
                BufferHooks.wrap(new byte[size], site);
            }
        }
    }

    private void assertTotals(int site, long rounds) {
        for (int size : SIZES) {
            SizeClassCounters c = registry.site(site).countersIfUsed(SizeClass.of(size));
            assertEquals(rounds, c.count(), "buffers of " + size + " bytes");
            assertEquals(rounds * size, c.bytes(), "bytes of " + size + "-byte buffers");
        }
    }

    /** The installed recorder, counting the calls that reach its general and its elsewhere entries. */
    private final class CountingRecorder implements BufferRecorder {
        int general;
        int elsewhere;
        int sampled;

        CountingRecorder() {
            BufferHooks.recorder = this;
        }

        @Override
        public void allocated(ByteBuffer buffer, int capacity, int s) {
            general++;
            accounting.allocated(buffer, capacity, s);
        }

        @Override
        public void wrapped(int length, int s) {
            general++;
            accounting.wrapped(length, s);
        }

        @Override
        public void allocatedElsewhere(ByteBuffer buffer, int capacity, int s) {
            elsewhere++;
            accounting.allocatedElsewhere(buffer, capacity, s);
        }

        @Override
        public void wrappedElsewhere(int length, int s) {
            elsewhere++;
            accounting.wrappedElsewhere(length, s);
        }

        @Override
        public void sampleDue(ByteBuffer buffer, int capacity, SiteCell cell) {
            sampled++;
            accounting.sampleDue(buffer, capacity, cell);
        }
    }

    /** Starts a thread that runs {@code firstCalls}, so it owns the site, then stays alive until {@code done}. */
    private static Thread startOwner(Runnable firstCalls, CountDownLatch done) throws InterruptedException {
        return startKeptAlive(firstCalls, done, false);
    }

    /** As {@link #startOwner}, for a thread whose stripe is the calling thread's: it holds that stripe. */
    private static Thread startHolder(Runnable firstCalls, CountDownLatch done) throws InterruptedException {
        return startKeptAlive(firstCalls, done, true);
    }

    private static Thread startKeptAlive(Runnable firstCalls, CountDownLatch done, boolean sharingMyStripe)
            throws InterruptedException {
        CountDownLatch called = new CountDownLatch(1);
        Runnable body = () -> {
            firstCalls.run();
            called.countDown();
            try {
                done.await(); // alive while other threads call: it keeps what it claimed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread t = sharingMyStripe ? sharingStripeWith(Thread.currentThread(), body) : new Thread(body);
        t.start();
        called.await();
        return t;
    }

    @Test
    void theOwnersCallsAreCountedInItsCellByTheBridge() {
        int site = install(0, CallKind.WRAP);
        CountingRecorder recorder = new CountingRecorder();
        wrapAll(site, 1000);
        assertEquals(SIZES.length, recorder.general, "only the first buffer of each size class reached the recorder");
        assertEquals(0, recorder.elsewhere);
        SiteCell cell = registry.site(site).cell();
        assertSame(Thread.currentThread(), cell.owner, "the first caller owns the site");
        assertEquals(1000, cell.row[SiteCell.slot(4096)], "counted in the cell");
        long[][] rows = registry.perThread().current().bySite;
        assertTrue(site >= rows.length || rows[site] == null, "nothing in the thread's own rows");
        assertTotals(site, 1000);
    }

    /** Makes a thread, not started, whose stripe is the one {@code other} may claim. */
    private static Thread sharingStripeWith(Thread other, Runnable task) {
        int want = SiteCell.stripe(other, Site.STRIPES);
        for (int i = 0; i <= Site.STRIPES; i++) {
            Thread t = new Thread(task); // thread ids run in sequence: one in STRIPES matches
            if (SiteCell.stripe(t, Site.STRIPES) == want) {
                return t;
            }
        }
        throw new AssertionError("no thread among " + (Site.STRIPES + 1) + " with stripe " + want);
    }

    /** The stripe of {@code site}'s cell at the index of {@code t}, or null. */
    private SiteCell stripeOf(int site, Thread t) {
        SiteCell[] ss = registry.site(site).cell().stripes;
        return ss == null ? null : ss[SiteCell.stripe(t, ss.length)];
    }

    @Test
    void anotherThreadCountsInAStripeOfTheCellAndTheTotalsAreExact() throws Exception {
        int site = install(0, CallKind.WRAP);
        CountDownLatch done = new CountDownLatch(1);
        Thread owner = startOwner(() -> wrapAll(site, 500), done);
        CountingRecorder recorder = new CountingRecorder();
        wrapAll(site, 300);
        assertEquals(SIZES.length, recorder.elsewhere, "only the first buffer of each size class reached the recorder");
        assertEquals(0, recorder.general, "none tried to claim the site");
        SiteCell cell = registry.site(site).cell();
        assertSame(owner, cell.owner);
        SiteCell stripe = stripeOf(site, Thread.currentThread());
        assertSame(Thread.currentThread(), stripe.owner, "the other thread claimed its stripe");
        assertEquals(300, stripe.row[SiteCell.slot(64)], "counted in the stripe by the bridge");
        long[][] rows = registry.perThread().current().bySite;
        assertTrue(site >= rows.length || rows[site] == null, "nothing in the thread's own rows");
        assertTotals(site, 800);
        done.countDown();
        owner.join();
        assertTotals(site, 800);
    }

    @Test
    void aThreadWhoseStripeAnotherLiveThreadHoldsCountsInItsOwnRows() throws Exception {
        int site = install(0, CallKind.WRAP);
        CountDownLatch done = new CountDownLatch(1);
        Thread owner = startOwner(() -> wrapAll(site, 500), done);
        CountDownLatch holderDone = new CountDownLatch(1);
        Thread holder = startHolder(() -> wrapAll(site, 200), holderDone);
        assertSame(holder, stripeOf(site, Thread.currentThread()).owner, "the stripe is taken");
        CountingRecorder recorder = new CountingRecorder();
        wrapAll(site, 300);
        assertEquals(300 * SIZES.length, recorder.elsewhere, "each call went to the recorder's elsewhere entry");
        assertEquals(0, recorder.general);
        assertEquals(300, registry.perThread().current().bySite[site][ThreadCounts.countSlot(SizeClass.of(64))],
                "counted in the thread's own row");
        assertTotals(site, 1000);
        holderDone.countDown();
        holder.join();
        registry.perThread().sweep();
        SiteCell stripe = stripeOf(site, Thread.currentThread());
        assertNull(stripe.owner, "released: its holder ended");
        wrapAll(site, 100);
        assertNull(stripe.owner, "a thread with a row of its own at the site claims no stripe there: no claim to try each call");
        assertEquals(400, registry.perThread().current().bySite[site][ThreadCounts.countSlot(SizeClass.of(64))]);
        assertTotals(site, 1100);
        done.countDown();
        owner.join();
        registry.perThread().sweep();
        assertTotals(site, 1100);
    }

    @Test
    void anEndedThreadsStripeIsReleasedAndTheNextThreadWithItsIndexCountsOnInTheSameRow() throws Exception {
        int site = install(0, CallKind.WRAP);
        CountDownLatch done = new CountDownLatch(1);
        Thread owner = startOwner(() -> wrapAll(site, 100), done);
        Thread first = new Thread(() -> wrapAll(site, 400));
        first.start();
        first.join();
        SiteCell stripe = stripeOf(site, first);
        assertSame(first, stripe.owner);
        registry.perThread().sweep();
        assertNull(stripe.owner, "released: its owner ended");
        assertSame(owner, registry.site(site).cell().owner, "the live owner keeps the cell");
        assertTotals(site, 500);
        Thread next = sharingStripeWith(first, () -> wrapAll(site, 250));
        next.start();
        next.join();
        assertSame(next, stripe.owner, "claimed by the next thread with its index");
        assertEquals(650, stripe.row[SiteCell.slot(100)], "counted on in the same row");
        assertTotals(site, 750);
        done.countDown();
        owner.join();
    }

    @Test
    void anEndedOwnersCellIsReleasedAndTheNextThreadCountsOnInTheSameRow() throws Exception {
        int site = install(0, CallKind.WRAP);
        Thread first = new Thread(() -> wrapAll(site, 400));
        first.start();
        first.join();
        SiteCell cell = registry.site(site).cell();
        assertSame(first, cell.owner);
        registry.perThread().sweep();
        assertNull(cell.owner, "released: its owner ended");
        assertTotals(site, 400);
        wrapAll(site, 250);
        assertSame(Thread.currentThread(), cell.owner, "claimed by the next caller");
        assertEquals(650, cell.row[SiteCell.slot(100)], "counted on in the same row");
        assertTotals(site, 650);
    }

    @Test
    void manyThreadsInTurnAndAtOnceAddUpExactly() throws Exception {
        int site = install(0, CallKind.WRAP);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            threads.add(new Thread(() -> wrapAll(site, 2_000)));
        }
        for (Thread t : threads.subList(0, 3)) {
            t.start();
        }
        for (Thread t : threads.subList(0, 3)) {
            t.join();
        }
        registry.perThread().sweep();
        for (Thread t : threads.subList(3, 6)) {
            t.start();
        }
        for (Thread t : threads.subList(3, 6)) {
            t.join();
        }
        assertTotals(site, 12_000);
        registry.perThread().sweep();
        assertTotals(site, 12_000);
    }

    /** More live threads than stripes at once: some count in stripes, the rest in their own rows, none twice. */
    @Test
    void moreThreadsThanStripesAtOnceAddUpExactly() throws Exception {
        int site = install(0, CallKind.WRAP);
        int threads = 2 * Site.STRIPES + 3;
        CyclicBarrier start = new CyclicBarrier(threads);
        CountDownLatch called = new CountDownLatch(threads);
        CountDownLatch done = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    wrapAll(site, 300);
                    called.countDown();
                    done.await(); // alive until every thread has called: stripes collide
                } catch (InterruptedException | BrokenBarrierException e) {
                    throw new AssertionError(e);
                }
            });
            all.add(t);
            t.start();
        }
        called.await();
        long total = 300L * threads;
        assertTotals(site, total);
        long owned = registry.site(site).sumOwned(SiteCell.slot(64));
        assertTrue(owned > 300 && owned <= 300L * (Site.STRIPES + 1),
                "the owner and at most one thread per stripe counted in cells: " + owned + " of " + total);
        done.countDown();
        for (Thread t : all) {
            t.join();
        }
        registry.perThread().sweep();
        assertTotals(site, total);
    }

    @Test
    void everyBufferIsSampledThroughTheBridgeAtSampleOne() {
        int site = install(1, CallKind.ALLOCATE);
        List<ByteBuffer> kept = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            kept.add(BufferHooks.allocate(512, site));
        }
        SizeClassCounters c = registry.site(site).countersIfUsed(SizeClass.of(512));
        assertSame(Thread.currentThread(), registry.site(site).cell().owner);
        assertEquals(200, c.count());
        if (BufferHooks.PARKS_SAMPLES) {
            assertEquals(199, c.sampledLiveCount(), "each buffer tracked at the next call; the last one parked");
            accounting.drainCollected();
        }
        assertEquals(200, c.sampledLiveCount(), "the owner's countdown samples each buffer");
        assertEquals(200L * 512, accounting.liveBytesEstimate(c));
        assertEquals(200, kept.size());
    }

    /** A site another live thread owns: the caller's allocations are counted and sampled in its stripe. */
    @Test
    void aSharedSitesAllocationsAreSampledByTheStripesCountdown() throws Exception {
        int site = install(1, CallKind.ALLOCATE);
        CountDownLatch done = new CountDownLatch(1);
        Thread owner = startOwner(() -> BufferHooks.allocate(512, site), done);
        CountingRecorder recorder = new CountingRecorder();
        for (int i = 0; i < 100; i++) {
            BufferHooks.allocate(512, site); // a sample may be collected: live and dead both count below
        }
        assertEquals(1, recorder.elsewhere, "the first call claimed the stripe, the bridge counted the rest");
        assertEquals(0, recorder.general, "none tried to claim the site");
        assertEquals(99, recorder.sampled, "the bridge handed each other buffer over as its stripe's countdown ran out");
        assertSame(owner, registry.site(site).cell().owner);
        SizeClassCounters c = registry.site(site).countersIfUsed(SizeClass.of(512));
        assertEquals(101, c.count(), "the owner's buffer and the non-owner's 100");
        assertEquals(100, stripeOf(site, Thread.currentThread()).row[SiteCell.slot(512)], "counted in the stripe");
        accounting.drainCollected();
        assertEquals(101, c.sampledLiveCount() + c.sampledDeadCount(), "each buffer sampled once");
        done.countDown();
        owner.join();
    }

    /** A thread without a stripe: its allocations are sampled by its own countdown. */
    @Test
    void aThreadWithoutAStripeIsSampledByItsOwnCountdown() throws Exception {
        int site = install(1, CallKind.ALLOCATE);
        CountDownLatch done = new CountDownLatch(1);
        Thread owner = startOwner(() -> BufferHooks.allocate(512, site), done);
        Thread holder = startHolder(() -> BufferHooks.allocate(512, site), done);
        assertSame(holder, stripeOf(site, Thread.currentThread()).owner, "the stripe is taken");
        CountingRecorder recorder = new CountingRecorder();
        for (int i = 0; i < 100; i++) {
            BufferHooks.allocate(512, site);
        }
        assertEquals(100, recorder.elsewhere, "every call of the thread without a stripe took the elsewhere entry");
        SizeClassCounters c = registry.site(site).countersIfUsed(SizeClass.of(512));
        assertEquals(102, c.count(), "the owner's, the holder's and the caller's 100");
        accounting.drainCollected();
        assertEquals(102, c.sampledLiveCount() + c.sampledDeadCount(), "each buffer sampled once");
        done.countDown();
        owner.join();
        holder.join();
    }

    @Test
    void withSamplingOffTheOwnersCountdownNeverComesDue() {
        int site = install(0, CallKind.ALLOCATE);
        for (int i = 0; i < 10_000; i++) {
            BufferHooks.allocate(512, site);
        }
        SizeClassCounters c = registry.site(site).countersIfUsed(SizeClass.of(512));
        assertEquals(10_000, c.count());
        assertEquals(0, c.sampledLiveCount());
        assertEquals(Long.MAX_VALUE - 9_999, registry.site(site).cell().row[SiteCell.COUNTDOWN],
                "parked out of reach at the first buffer, then counted down by the bridge");
    }

    @Test
    void afterUninstallTheBridgeCountsNothing() throws Exception {
        int site = install(0, CallKind.WRAP);
        CountDownLatch done = new CountDownLatch(1);
        Thread owner = startOwner(() -> wrapAll(site, 10), done);
        wrapAll(site, 10);
        SiteCell stripe = stripeOf(site, Thread.currentThread());
        assertSame(Thread.currentThread(), stripe.owner, "a stripe, the owner being alive");
        accounting.uninstall();
        assertNull(registry.site(site).cell().owner, "released at uninstall");
        assertNull(stripe.owner, "stripes are released at uninstall too");
        wrapAll(site, 10);
        assertTotals(site, 20);
        assertEquals(0, BufferHooks.cells.length, "no cells left to count in");
        done.countDown();
        owner.join();
    }

    /** The cell a Java 11+ call site holds, as the JVM resolves its dynamic constant. */
    private static SiteCell constantCell(int site) {
        return BufferHooks.cell(MethodHandles.lookup(), "site", SiteCell.class, site);
    }

    @Test
    void aCallSitesConstantIsTheSitesCellAndItsCallsAreCountedThere() {
        int site = install(0, CallKind.WRAP);
        SiteCell cell = constantCell(site);
        assertSame(registry.site(site).cell(), cell, "the registry's cell, not a copy");
        for (int i = 0; i < 1000; i++) {
            for (int size : SIZES) {
                BufferHooks.wrap(new byte[size], cell);
            }
        }
        assertSame(Thread.currentThread(), cell.owner, "the first caller owns the site");
        assertEquals(1000, cell.row[SiteCell.slot(4096)], "counted in the cell by the bridge");
        assertTotals(site, 1000);
    }

    @Test
    void aCallSitesConstantNoLongerCountsAfterUninstall() {
        int site = install(0, CallKind.ALLOCATE);
        SiteCell cell = constantCell(site);
        for (int i = 0; i < 10; i++) {
            BufferHooks.allocate(100, cell);
        }
        accounting.uninstall();
        assertNull(cell.owner, "released at uninstall");
        for (int i = 0; i < 10; i++) {
            BufferHooks.allocate(100, cell);
        }
        assertEquals(10, registry.site(site).countersIfUsed(SizeClass.of(100)).count());
        assertEquals(10, cell.row[SiteCell.slot(100)], "the cell's row is left as it was");
    }

    @Test
    void withoutAnInstalledRecorderAConstantIsACellNoRecorderClaims() {
        registry = new SiteRegistry(); // registered, never installed: the bridge has no cells
        int site = registry.register("C", "m", "()V", 0, null, -1, CallKind.WRAP, false);
        SiteCell cell = constantCell(site);
        assertNotSame(registry.site(site).cell(), cell);
        BufferHooks.wrap(new byte[8], cell);
        assertNull(cell.owner, "nobody claims it: calls go to the recorder, and there is none");
        assertNull(registry.site(site).countersIfUsed(SizeClass.of(8)), "nothing counted");
    }

    /** The bridge's row slots are the recorder's size classes. */
    @Property(tries = 500)
    void cellSlotsAreTheSizeClasses(@ForAll @IntRange(min = 0) int size) {
        assertEquals(SiteCell.FIRST + 2 * SizeClass.of(size), SiteCell.slot(size));
    }
}
