package org.uma4j.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frees under a debug layer that holds items back (a quarantine): each free is counted once,
 * when it happens, on whichever thread frees, and the item comes back through releaseHeld
 * without a second count. Also the per-item record field and the keg scan the layer uses.
 */
class DebugHoldTest {

    /** Holds every freed item until released by the test. */
    static final class Holding extends DebugHooks {
        final List<Item> held = new ArrayList<>();

        @Override
        public synchronized boolean onFreed(Zone<?> zone, Item item) {
            held.add(item);
            return false;
        }
    }

    @Test
    void aHeldFreeIsCountedOnceWhenFreedOnAnyThreadAndNotAgainWhenReleased() throws Exception {
        Holding hooks = new Holding();
        Zone<Buf> z = Zone.builder("held", 256).registry(new ZoneRegistry()).debug(hooks).build();
        Buf a = z.alloc();
        Buf b = z.alloc();
        z.free(a);
        Thread t = new Thread(() -> z.free(b));
        t.start();
        t.join();
        assertEquals(2, z.stats().requests());
        assertEquals(0, z.stats().used(), "frees counted when they happen, held or not");
        for (Item it : hooks.held) {
            z.releaseHeld(it);
        }
        assertEquals(0, z.stats().used(), "a release of a held item is not a second free");
        assertThrows(IllegalArgumentException.class, () -> z.releaseHeld(hooks.held.get(0)));
    }

    @Test
    void theDebugRecordFieldAndTheKegScanSeeEveryAllocatedItem() {
        Zone<Buf> z = Zone.builder("scan", 256).registry(new ZoneRegistry()).build();
        Buf a = z.alloc();
        Object rec = new Object();
        DebugHooks.attach(a, rec);
        assertSame(rec, DebugHooks.attached(a));
        Buf b = z.alloc();
        z.free(b);
        List<Item> allocated = new ArrayList<>();
        z.keg().forEachItem(it -> {
            if (it.isAllocated()) {
                allocated.add(it);
            }
        });
        assertEquals(List.of(a), allocated);
        z.free(a);
    }
}
