package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;

/**
 * All-threads leak scopes: a snapshot of the allocator's own item state at open, compared at
 * close. With every detector off the zones get no per-item hooks, and the scopes still find
 * every leak with its site.
 */
class ZoneWideScopeTest {

    /** BASIC with every detector off, policy {@code policy}. */
    private static DebugConfig noDetectors(Policy policy) {
        DebugConfig.Builder b = DebugConfig.builder(Level.BASIC).policy(policy);
        for (Detector d : Detector.values()) {
            b.enable(d, false);
        }
        return b.build();
    }

    @Test
    void withEveryDetectorOffAZoneGetsNoHooksAndAScopeStillCatchesASeededLeakWithItsSite() {
        try (DbgFixture fx = new DbgFixture(noDetectors(Policy.THROW))) {
            Zone<Buf> zone = fx.zone("buf", 256);
            assertFalse(zone.hasDebugHooks());
            Buf before = zone.alloc(Zone.WAITOK, fx.site("before", 10)); // out before the scope: not its leak
            LeakScope scope = fx.dbg.openScope("test", true);
            Buf leaked = zone.alloc(Zone.WAITOK, fx.site("leaky", 20));
            for (int i = 0; i < 100; i++) {
                zone.free(zone.alloc(Zone.WAITOK, fx.site("clean", 30)));
            }
            assertEquals(101, scope.allocations());
            assertEquals(1, scope.outstanding());

            LeakException e = assertThrows(LeakException.class, scope::close);
            assertEquals(1, e.leaks().size());
            Finding f = e.leaks().get(0);
            assertEquals(20, f.allocSite().line());
            assertEquals("buf", f.zone());
            assertEquals(leaked.index(), f.index());
            zone.free(leaked);
            zone.free(before);
        }
    }

    @Test
    void aCleanRunStaysSilent() throws Exception {
        try (DbgFixture fx = new DbgFixture(noDetectors(Policy.THROW))) {
            Zone<Buf> zone = fx.zone("buf", 256);
            Buf kept = zone.alloc(); // out before and after: not in the scope
            try (LeakScope scope = fx.dbg.openScope("clean", true)) {
                Thread t = new Thread(() -> {
                    for (int i = 0; i < 1000; i++) {
                        zone.free(zone.alloc());
                    }
                });
                t.start();
                t.join();
                assertTrue(scope.awaitReleased(Duration.ofSeconds(1)));
                assertTrue(scope.leaks().isEmpty());
            }
            assertEquals(0, fx.dbg.findings().count());
            zone.free(kept);
        }
    }

    @Test
    void anItemFreedAndAllocatedAgainInsideTheScopeIsItsLeakEvenThoughItWasOutAtOpen() {
        try (DbgFixture fx = new DbgFixture(noDetectors(Policy.LOG))) {
            Zone<Buf> zone = fx.zone("buf", 256);
            Buf b = zone.alloc(Zone.WAITOK, fx.site("first", 40));
            try (LeakScope scope = fx.dbg.openScope("reuse", true)) {
                zone.free(b);
                Buf again = zone.alloc(Zone.WAITOK, fx.site("again", 41));
                assertEquals(b.index(), again.index()); // LIFO: the same item, a new generation
                assertEquals(1, scope.outstanding());
            }
            assertEquals(1, fx.of(FindingKind.LEAK).size());
            assertEquals(41, fx.of(FindingKind.LEAK).get(0).allocSite().line());
        }
    }

    @Test
    void allocationsOnOtherThreadsCountAndAwaitReleasedSeesTheirFrees() throws Exception {
        try (DbgFixture fx = new DbgFixture(noDetectors(Policy.LOG))) {
            Zone<Buf> zone = fx.zone("buf", 256);
            List<Buf> handedOff = new ArrayList<>();
            CountDownLatch allocated = new CountDownLatch(1);
            try (LeakScope scope = fx.dbg.openScope("async", true)) {
                Thread producer = new Thread(() -> {
                    synchronized (handedOff) {
                        for (int i = 0; i < 5; i++) {
                            handedOff.add(zone.alloc(Zone.WAITOK, fx.site("producer", 50)));
                        }
                    }
                    allocated.countDown();
                });
                producer.start();
                allocated.await();
                producer.join();
                assertEquals(5, scope.outstanding());
                assertFalse(scope.awaitReleased(Duration.ofMillis(20)));
                Thread consumer = new Thread(() -> {
                    synchronized (handedOff) {
                        handedOff.forEach(zone::free);
                    }
                });
                consumer.start();
                assertTrue(scope.awaitReleased(Duration.ofSeconds(5)));
                consumer.join();
            }
            assertEquals(0, fx.dbg.findings().count());
        }
    }

    @Test
    void aLeakOfAnInnerAllThreadsScopeIsReportedOnceNotAgainByTheEnclosingOne() {
        try (DbgFixture fx = new DbgFixture(noDetectors(Policy.LOG))) {
            Zone<Buf> zone = fx.zone("buf", 256);
            Buf inner;
            Buf outer;
            try (LeakScope o = fx.dbg.openScope("outer", true)) {
                outer = zone.alloc(Zone.WAITOK, fx.site("outer", 60));
                try (LeakScope i = fx.dbg.openScope("inner", true)) {
                    inner = zone.alloc(Zone.WAITOK, fx.site("inner", 61));
                }
                assertEquals(1, fx.of(FindingKind.LEAK).size());
                assertEquals(61, fx.of(FindingKind.LEAK).get(0).allocSite().line());
            }
            List<Integer> lines = new ArrayList<>();
            fx.of(FindingKind.LEAK).forEach(f -> lines.add(f.allocSite().line()));
            assertEquals(List.of(61, 60), lines);
            zone.free(inner);
            zone.free(outer);
        }
    }

    @Test
    void anAllocationInAPerThreadScopeCountsThereNotInTheEnclosingAllThreadsScope() {
        try (DbgFixture fx = new DbgFixture("level=basic")) {
            Zone<Buf> zone = fx.zone("buf", 256);
            Buf b;
            try (LeakScope all = fx.dbg.openScope("all", true)) {
                try (LeakScope mine = fx.dbg.openScope("mine")) {
                    b = zone.alloc(Zone.WAITOK, fx.site("mine", 70));
                    assertEquals(1, mine.outstanding());
                    assertEquals(0, all.outstanding());
                }
                assertEquals(1, fx.of(FindingKind.LEAK).size());
            }
            assertEquals(1, fx.of(FindingKind.LEAK).size()); // not reported again by "all"
            zone.free(b);
        }
    }

    @Test
    void perThreadScopesOfTwoThreadsAllocatingInTurnCountOnlyTheirOwnAllocations() throws Exception {
        try (DbgFixture fx = new DbgFixture("level=basic")) {
            Zone<Buf> zone = fx.zone("buf", 256);
            long[] counted = new long[2];
            Thread[] threads = new Thread[2];
            java.util.concurrent.CyclicBarrier turn = new java.util.concurrent.CyclicBarrier(2);
            for (int t = 0; t < 2; t++) {
                int me = t;
                threads[t] = new Thread(() -> {
                    try (LeakScope s = fx.dbg.openScope("thread-" + me)) {
                        for (int i = 0; i < 200 * (me + 1); i++) {
                            zone.free(zone.alloc());
                            if (i < 200) {
                                turn.await(); // alternate with the other thread: the one-entry cache misses
                            }
                        }
                        counted[me] = s.allocations();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(200, counted[0]);
            assertEquals(400, counted[1]);
            assertEquals(0, fx.dbg.findings().count());
        }
    }
}
