package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneRegistry;

class DebugConfigTest {

    @Test
    void levelsSetTheDefaults() {
        DebugConfig basic = DebugConfig.of(Level.BASIC);
        assertTrue(basic.enabled("z", Detector.TRASH));
        assertFalse(basic.enabled("z", Detector.LEAK));
        assertFalse(basic.generationHandles());
        assertFalse(basic.captureSites());
        DebugConfig full = DebugConfig.of(Level.FULL);
        assertTrue(full.enabled("z", Detector.QUARANTINE));
        assertTrue(full.generationHandles() && full.captureSites() && full.stacks());
        assertEquals(8, full.accessRecords());
        assertFalse(DebugConfig.of(Level.OFF).instruments("z"));
    }

    @Test
    void optionsParseGlobalAndPerZoneSwitches() {
        DebugConfig c = DebugConfig.parse("level=basic, policy=throw, policy.leak=log, trash.divisor=4, "
                + "zone.mbuf.redzone=off, zone.mbuf.trash.divisor=8, records=3, quarantine.items=9, zones=mbuf|cl");
        assertEquals(Policy.THROW, c.policy(FindingKind.DUPLICATE_FREE));
        assertEquals(Policy.LOG, c.policy(FindingKind.LEAK));
        assertEquals(4, c.divisor("other", Detector.TRASH));
        assertEquals(8, c.divisor("mbuf", Detector.TRASH));
        assertFalse(c.enabled("mbuf", Detector.REDZONE));
        assertTrue(c.enabled("other", Detector.REDZONE));
        assertEquals(3, c.accessRecords());
        assertEquals(9, c.quarantineItems());
        assertTrue(c.instruments("cl"));
        assertFalse(c.instruments("other"));
    }

    @Test
    void badOptionsAreNamedWithTheirValue() {
        assertEquals("trash: maybe (expected: on or off)",
                assertThrows(IllegalArgumentException.class, () -> DebugConfig.parse("trash=maybe")).getMessage());
        assertEquals("level: loud (expected: off, basic or full)",
                assertThrows(IllegalArgumentException.class, () -> DebugConfig.parse("level=loud")).getMessage());
        assertEquals("records: -1 (expected: an integer >= 0)",
                assertThrows(IllegalArgumentException.class, () -> DebugConfig.parse("records=-1")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DebugConfig.parse("colour=on"))
                .getMessage().startsWith("option: colour (expected: "));
        assertEquals("option: \"trash\" (expected: key=value)",
                assertThrows(IllegalArgumentException.class, () -> DebugConfig.parse("trash")).getMessage());
    }

    @Test
    void theConfigurerInstrumentsOnlyTheChosenZonesAndOnlyOneLayerPerRegistry() {
        ZoneRegistry r = new ZoneRegistry();
        try (UmaDbg dbg = UmaDbg.install(r, DebugConfig.parse("level=basic,zones=watched,policy=throw"))) {
            Zone<Buf> watched = Zone.builder("watched", 64).registry(r).build();
            Zone<Buf> free = Zone.builder("unwatched", 64).registry(r).build();
            Buf a = watched.alloc();
            watched.free(a);
            assertThrows(DuplicateFreeException.class, () -> watched.free(a));
            Buf b = free.alloc();
            free.free(b);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> free.free(b)); // the core's own
            assertFalse(e instanceof UmaViolationException);
            assertEquals(dbg, UmaDbg.installed(r));
            assertThrows(IllegalStateException.class, () -> UmaDbg.install(r, DebugConfig.of(Level.BASIC)));
        }
        assertEquals(null, UmaDbg.installed(r));
    }

    @Test
    void offInstallsNothing() {
        ZoneRegistry r = new ZoneRegistry();
        UmaDbg dbg = UmaDbg.install(r, DebugConfig.of(Level.OFF));
        Zone<Buf> z = Zone.builder("z", 64).registry(r).build();
        Buf b = z.alloc();
        z.free(b);
        assertFalse(b.isView());
        assertEquals(0, dbg.zones().size());
        assertEquals(null, UmaDbg.installed(r));
    }

    @Test
    void theSummaryCountsFindingsAndChecksPerZone() {
        try (DbgFixture fx = new DbgFixture("level=basic,trash.divisor=1")) {
            Zone<Buf> z = fx.zone("buf", 64);
            Buf b = z.alloc();
            z.free(b);
            z.free(b);
            String s = fx.dbg.summary();
            assertTrue(s.startsWith("uma4j debug: basic, 1 findings, DUPLICATE_FREE 1, 0 quarantined"), s);
            assertTrue(s.contains("zone \"buf\": trash 1/1 checked "), s);
            assertTrue(s.contains(" outstanding 0"), s);
        }
    }

    @Test
    void systemPropertiesSelectTheConfiguration() {
        String old = System.getProperty("uma4j.debug");
        try {
            System.clearProperty("uma4j.debug");
            assertEquals(Level.OFF, DebugConfig.fromSystemProperties().level());
            System.setProperty("uma4j.debug", "level=full,records=2");
            assertEquals(2, DebugConfig.fromSystemProperties().accessRecords());
        } finally {
            if (old == null) {
                System.clearProperty("uma4j.debug");
            } else {
                System.setProperty("uma4j.debug", old);
            }
        }
    }
}
