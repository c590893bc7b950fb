package org.uma4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Layout;
import org.uma4j.alloc.ZoneRegistry;

class BufZonesTest {
    private final ZoneRegistry registry = new ZoneRegistry();
    private final BufZones zones = new BufZones("t", registry, Layout.PER_ITEM, BufZones.DEFAULT_MAX_SIZE);

    @Test
    void classesArePowersOfTwoFrom64To64KiB() {
        assertEquals(11, zones.zones().size());
        assertEquals("t-64", zones.zones().get(0).name());
        assertEquals("t-65536", zones.zones().get(10).name());
        assertSame(registry.zone("t-2048"), zones.zoneFor(1025));
        assertSame(registry.zone("t-2048"), zones.zoneFor(2048));
        assertSame(registry.zone("t-64"), zones.zoneFor(0));
        assertSame(registry.zone("t-65536"), zones.zoneFor(65536));
        assertNull(zones.zoneFor(65537));
    }

    @Test
    void allocServesExactLengthAtOffsetZeroAndFreeReturnsTheItem() {
        Buf b = zones.alloc(1500, 0);
        assertEquals(1500, b.capacity());
        assertEquals(0, b.arrayOffset());
        assertEquals(2048, b.array().length);
        assertEquals(1, zones.used());
        assertEquals(2048, zones.usedBytes());
        zones.free(b);
        assertEquals(0, zones.used());
        assertEquals(1, zones.zoneFor(1500).stats().requests());
    }

    @Test
    void largerRequestsAreLeftToTheCallerAndCounted() {
        assertNull(zones.alloc(65537, 0));
        zones.countFallback(65537);
        assertEquals(1, zones.fallbacks());
        assertEquals(65537, zones.fallbackBytes());
    }

    @Test
    void badArgumentsNameTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> zones.alloc(-1, 0));
        assertEquals("length: -1 (expected: >= 0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BufZones("u", registry, Layout.PER_ITEM, 1000));
        assertEquals("maxSize: 1000 (expected: a power of two >= 64)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BufZones("t", registry, Layout.PER_ITEM, 64));
        assertTrue(e.getMessage().startsWith("name: \"t-64\""), e.getMessage());
    }

    @Test
    void overReleaseOfAnItemWithoutViewsIsNotPassedOn() {
        Buf b = zones.alloc(100, 0);
        zones.free(b);
        Buf again = zones.alloc(100, 0); // the same item, handed out again
        zones.reportOverRelease(b);      // must not free the new allocation
        assertTrue(again.isAllocated());
        zones.free(again);
    }
}
