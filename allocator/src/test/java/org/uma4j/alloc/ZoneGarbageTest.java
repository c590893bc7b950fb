package org.uma4j.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Steady-state alloc and free allocate nothing on the Java heap. */
class ZoneGarbageTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void allocFreeOfOneItemAllocatesNoBytes() {
        Zone<Buf> z = Zone.builder("garbage-1", 2048).registry(new ZoneRegistry()).build();
        Runnable loop = () -> {
            for (int i = 0; i < 100_000; i++) {
                Buf b = z.alloc(Zone.NOWAIT);
                b.writeByte(i);
                b.byteBuffer();
                z.free(b);
            }
        };
        assertEquals(0, allocatedBy(loop), "bytes allocated by 100k alloc+free");
    }

    @Test
    void burstsThatCrossBucketsAllocateNoBytes() {
        Zone<Buf> z = Zone.builder("garbage-burst", 256).registry(new ZoneRegistry()).buckets(8, 8).build();
        Buf[] held = new Buf[100];
        Runnable loop = () -> {
            for (int r = 0; r < 2_000; r++) {
                for (int i = 0; i < held.length; i++) {
                    held[i] = z.alloc(Zone.NOWAIT);
                }
                for (Buf b : held) {
                    z.free(b);
                }
            }
        };
        assertEquals(0, allocatedBy(loop), "bytes allocated by bursts of 100 through 8-item buckets");
    }

    @Test
    void refcountedRetainReleaseAllocatesNoBytes() {
        Zone<Buf> z = Zone.builder("garbage-refs", 2048).refcount().registry(new ZoneRegistry()).build();
        Runnable loop = () -> {
            for (int i = 0; i < 100_000; i++) {
                Buf b = z.alloc(Zone.NOWAIT);
                b.retain();
                b.release();
                b.release();
            }
        };
        assertEquals(0, allocatedBy(loop), "bytes allocated by 100k alloc+retain+release+release");
    }

    /** Runs {@code loop} until warm, then returns the bytes a measured run allocated (best of 5). */
    private static long allocatedBy(Runnable loop) {
        for (int i = 0; i < 20; i++) {
            loop.run();
        }
        long id = Thread.currentThread().getId();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long before = THREADS.getThreadAllocatedBytes(id);
            loop.run();
            best = Math.min(best, THREADS.getThreadAllocatedBytes(id) - before);
        }
        return best;
    }
}
