package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;

class LeakScopeTest {

    @Test
    void closingAScopeWithAnAllocationOutThrowsOneLeakExceptionWithAllOfThem() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            Zone<Buf> zone = fx.zone("buf", 256);
            Buf outside = zone.alloc(); // not in the scope
            LeakScope scope = fx.dbg.openScope("test");
            Buf kept = zone.alloc(Zone.WAITOK, fx.site("leaky", 120));
            Buf kept2 = zone.alloc(Zone.WAITOK, fx.site("leaky", 121));
            zone.free(zone.alloc());
            assertEquals(3, scope.allocations());
            assertEquals(2, scope.outstanding());

            LeakException e = assertThrows(LeakException.class, scope::close);
            assertEquals(2, e.leaks().size());
            List<Integer> lines = new ArrayList<>();
            e.leaks().forEach(f -> lines.add(f.allocSite().line()));
            lines.sort(null);
            assertEquals(List.of(120, 121), lines);
            assertEquals("buf", e.zone());
            assertTrue(e.finding().detail().contains("scope \"test\""), e.finding().detail());
            assertEquals(2, fx.dbg.findings().count(FindingKind.LEAK));
            zone.free(kept);
            zone.free(kept2);
            zone.free(outside);
        }
    }

    @Test
    void aScopeIsInheritedByThreadsStartedInsideIt() throws Exception {
        try (DbgFixture fx = new DbgFixture("level=basic")) {
            Zone<Buf> zone = fx.zone("buf", 256);
            try (LeakScope scope = fx.dbg.openScope("async")) {
                Thread t = new Thread(() -> zone.alloc(Zone.WAITOK, fx.site("thread", 130)));
                t.start();
                t.join();
                assertEquals(1, scope.outstanding());
            }
            assertEquals(1, fx.of(FindingKind.LEAK).size());
            assertEquals(130, fx.of(FindingKind.LEAK).get(0).allocSite().line());
            assertTrue(fx.log.get(0).startsWith("UMA4J LEAK: leak of item "), fx.log.get(0));
        }
    }

    @Test
    void awaitReleasedWaitsForAsynchronousFrees() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            Zone<Buf> zone = fx.zone("buf", 256);
            try (LeakScope scope = fx.dbg.openScope("async", true)) {
                Buf b = zone.alloc();
                CompletableFuture.runAsync(() -> {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    zone.free(b);
                });
                assertTrue(scope.awaitReleased(Duration.ofSeconds(5)));
                assertTrue(scope.leaks().isEmpty());
            }
            assertEquals(0, fx.dbg.findings().count());
        }
    }

    @Test
    void cleanScopeStaysSilentAndNestedScopesCountInTheInnermost() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            Zone<Buf> zone = fx.zone("buf", 256);
            try (LeakScope outer = fx.dbg.openScope("outer")) {
                Buf b = zone.alloc();
                try (LeakScope inner = fx.dbg.openScope("inner")) {
                    zone.free(zone.alloc());
                    assertEquals(1, inner.allocations());
                }
                assertEquals(1, outer.allocations());
                zone.free(b);
                assertFalse(outer.isClosed());
            }
            assertEquals(0, fx.dbg.findings().count());
        }
    }

    @Test
    void outstandingListsEveryAllocationOfAZoneThatIsOut() {
        try (DbgFixture fx = new DbgFixture("level=basic")) {
            Zone<Buf> zone = fx.zone("buf", 256);
            Zone<Buf> other = fx.zone("other", 256);
            Buf a = zone.alloc(Zone.WAITOK, fx.site("a", 160));
            Buf b = other.alloc();
            zone.free(zone.alloc());
            List<Finding> out = fx.dbg.outstanding("buf");
            assertEquals(1, out.size());
            assertEquals(160, out.get(0).allocSite().line());
            assertEquals(a.index(), out.get(0).index());
            assertEquals(1, fx.dbg.zone("buf").outstanding());
            zone.free(a);
            other.free(b);
            assertTrue(fx.dbg.outstanding("buf").isEmpty());
            assertEquals(0, fx.dbg.findings().count()); // listing reports nothing
        }
    }

    @Test
    void aThreadThatOutlivesItsScopeCountsInTheEnclosingOne() throws Exception {
        try (DbgFixture fx = new DbgFixture("level=basic")) {
            Zone<Buf> zone = fx.zone("buf", 256);
            java.util.concurrent.SynchronousQueue<Boolean> go = new java.util.concurrent.SynchronousQueue<>();
            Thread t;
            try (LeakScope outer = fx.dbg.openScope("outer")) {
                try (LeakScope inner = fx.dbg.openScope("inner")) {
                    t = new Thread(() -> {
                        try {
                            go.take();
                        } catch (InterruptedException e) {
                            return;
                        }
                        zone.free(zone.alloc());
                    });
                    t.start();
                }
                go.put(Boolean.TRUE);
                t.join();
                assertEquals(1, outer.allocations());
            }
            assertEquals(0, fx.dbg.findings().count());
        }
    }
}
