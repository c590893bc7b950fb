package org.uma4j.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The opt-in low-heap trigger reclaims zones when a collection leaves a heap pool above the threshold. */
class LowMemoryReclaimTest {

    @Test
    void collectionAboveTheThresholdReleasesCachedSlabs() throws Exception {
        ZoneRegistry reg = new ZoneRegistry();
        Zone<Buf> z = Zone.builder("lowmem", 4096).registry(reg).build();
        Thread t = new Thread(() -> {
            List<Buf> held = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                held.add(z.alloc());
            }
            held.forEach(z::free);
        });
        t.start();
        t.join();
        assertTrue(z.stats().slabs() > 0);
        reg.reclaimOnLowMemory(0.000_001); // any live heap is above this
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        byte[][] keep = new byte[64][];
        while (z.stats().slabs() > 0 && System.nanoTime() < deadline) {
            for (int i = 0; i < keep.length; i++) {
                keep[i] = new byte[64 * 1024]; // survives into the old generation
            }
            System.gc();
            Thread.sleep(50);
        }
        assertEquals(0, z.stats().slabs(), "a collection above the threshold reclaimed the zone");
        assertTrue(keep[0].length > 0);
    }

    @Test
    void thresholdOutsideZeroOneIsRefused() {
        ZoneRegistry reg = new ZoneRegistry();
        assertEquals("fraction: 1.5 (expected: 0 < fraction < 1)",
                assertThrows(IllegalArgumentException.class, () -> reg.reclaimOnLowMemory(1.5)).getMessage());
    }
}
