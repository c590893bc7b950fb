package org.uma4j.integration.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uma4j.integration.DebugFixture;

/**
 * Buffers allocated on some threads, shared with retain, and released on others, as an event
 * loop hands buffers to workers: for a bounded time, then the invariants. Every buffer carries
 * its own sequence number in every byte, so an item handed out twice shows as foreign bytes;
 * the debug layer (policy throw) also catches a second hand-out through trash and state.
 */
@Tag("stress")
class ZoneByteBufAllocatorStressTest {
    private static final long MILLIS = 1500;

    @Test
    @Timeout(30)
    void crossThreadRetainAndReleaseKeepEveryBufferIntactAndReturnsAll() throws Exception {
        long seed = System.nanoTime();
        try (DebugFixture fx = new DebugFixture("s", "level=basic,policy=throw")) {
            ZoneByteBufAllocator alloc = new ZoneByteBufAllocator(fx.zones, UnpooledByteBufAllocator.DEFAULT, true);
            BlockingQueue<ByteBuf> handoff = new ArrayBlockingQueue<>(256);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong made = new AtomicLong();
            AtomicLong checked = new AtomicLong();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MILLIS);
            Thread[] producers = new Thread[2];
            for (int t = 0; t < producers.length; t++) {
                SplittableRandom rnd = new SplittableRandom(seed + t);
                producers[t] = new Thread(() -> {
                    try {
                        while (System.nanoTime() - deadline < 0 && failure.get() == null) {
                            int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 300 : 20_000);
                            byte tag = (byte) made.incrementAndGet();
                            ByteBuf b = alloc.buffer(rnd.nextInt(n) + 1);
                            for (int i = 0; i < n; i++) {
                                b.writeByte(tag); // grows through several classes
                            }
                            b.retain();           // one reference for the consumer, one dropped here
                            if (!handoff.offer(b, 1, TimeUnit.SECONDS)) {
                                b.release(2);
                                continue;
                            }
                            b.release();
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "producer-" + t);
            }
            Thread consumer = new Thread(() -> {
                try {
                    while (true) {
                        ByteBuf b = handoff.poll(100, TimeUnit.MILLISECONDS);
                        if (b == null) {
                            if (System.nanoTime() - deadline > 0 && allDone(producers)) {
                                return;
                            }
                            continue;
                        }
                        byte tag = b.getByte(0);
                        for (int i = b.readerIndex(); i < b.writerIndex(); i++) {
                            if (b.getByte(i) != tag) {
                                throw new AssertionError("foreign byte at " + i + " of " + b);
                            }
                        }
                        checked.incrementAndGet();
                        b.release(); // the producer may still hold its reference: either may be last
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "consumer");
            for (Thread p : producers) {
                p.start();
            }
            consumer.start();
            for (Thread p : producers) {
                p.join();
            }
            consumer.join();
            assertNull(failure.get(), () -> "seed " + seed + ": " + failure.get());
            assertTrue(checked.get() > 100, "checked: " + checked.get() + " (seed " + seed + ")");
            fx.zones.drain();
            assertTrue(fx.findings.isEmpty(), () -> "seed " + seed + ": " + fx.findings);
            assertEquals(0, fx.zones.used(), "seed " + seed);
        }
    }

    private static boolean allDone(Thread[] ts) {
        for (Thread t : ts) {
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
