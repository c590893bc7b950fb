package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Item;
import org.uma4j.alloc.Zone;

@Tag("stress")
class ZoneHooksStressTest {

    @Test
    void racingFreesOfOneItemReportExactlyOneDuplicateAndNeverCacheItTwice() throws Exception {
        long seed = System.nanoTime();
        try (DbgFixture fx = new DbgFixture("level=basic")) {
            Zone<Buf> zone = fx.zone("buf", 64);
            int rounds = 1000;
            CyclicBarrier start = new CyclicBarrier(3); // main and two freers
            AtomicReference<Buf> shared = new AtomicReference<>();
            AtomicInteger coreRefusals = new AtomicInteger();
            Runnable freer = () -> {
                for (int i = 0; i < rounds; i++) {
                    try {
                        start.await();
                        zone.free(shared.get());
                    } catch (IllegalStateException e) {
                        coreRefusals.incrementAndGet(); // the allocator's own check won the race
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            };
            Thread a = new Thread(freer);
            Thread b = new Thread(freer);
            Map<Item, Boolean> live = new IdentityHashMap<>();
            a.start();
            b.start();
            for (int i = 0; i < rounds; i++) {
                shared.set(zone.alloc());
                start.await(); // go: both free it
                start.await(); // both done
            }
            a.join();
            b.join();
            assertEquals(rounds, fx.of(FindingKind.DUPLICATE_FREE).size() + coreRefusals.get(), "seed " + seed);
            for (int i = 0; i < 300; i++) { // no item handed out twice
                Buf x = zone.alloc();
                assertTrue(live.put(x.slot(), Boolean.TRUE) == null, "item handed out twice; seed " + seed);
            }
        }
    }

    @Test
    void manyThreadsAllocatingAndFreeingStaySilentAndBalanced() throws Exception {
        try (DbgFixture fx = new DbgFixture("level=full,policy=throw,records=2")) {
            Zone<Buf> zone = fx.zone("buf", 128);
            Map<Item, Thread> owners = new ConcurrentHashMap<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread[] ts = new Thread[4];
            for (int t = 0; t < ts.length; t++) {
                ts[t] = new Thread(() -> {
                    try {
                        Buf[] held = new Buf[16];
                        for (int i = 0; i < 5_000; i++) {
                            int k = i & 15;
                            if (held[k] != null) {
                                owners.remove(held[k].slot());
                                zone.free(held[k]);
                            }
                            held[k] = zone.allocLength(64 + (i & 63), Zone.WAITOK, 0);
                            if (owners.putIfAbsent(held[k].slot(), Thread.currentThread()) != null) {
                                throw new AssertionError("item handed out twice");
                            }
                            held[k].writeByte(i);
                        }
                        for (Buf h : held) {
                            owners.remove(h.slot());
                            zone.free(h);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
                ts[t].start();
            }
            for (Thread t : ts) {
                t.join();
            }
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            assertEquals(0, fx.dbg.findings().count());
            assertEquals(0, fx.dbg.zone("buf").outstanding());
            fx.dbg.flushQuarantine();
            assertEquals(0, zone.stats().used());
        }
    }
}
