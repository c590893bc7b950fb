package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;

class RefcountTest {

    @Test
    void releaseBelowZeroNamesAllocationAndFree() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            Zone<Buf> zone = fx.builder("cluster", 2048).refcount().build();
            Buf b = zone.alloc(Zone.WAITOK, fx.site("alloc", 100));
            b.retain();
            assertFalse(b.release());
            assertTrue(b.release());
            RefcountException e = assertThrows(RefcountException.class, b::release);
            assertEquals("release below zero", e.operation());
            assertEquals(0, e.refs());
            assertEquals(100, e.allocSite().line());
            assertEquals("cluster", e.zone());
        }
    }

    @Test
    void retainAfterTheLastReleaseIsReportedAndIgnoredUnderLog() {
        try (DbgFixture fx = new DbgFixture("level=basic")) {
            Zone<Buf> zone = fx.builder("cluster", 2048).refcount().build();
            Buf b = zone.alloc();
            b.release();
            b.retain();
            assertEquals(1, fx.of(FindingKind.REFCOUNT).size());
            assertEquals("retain after the last release", fx.of(FindingKind.REFCOUNT).get(0).detail());
            assertEquals(0, b.refCnt()); // ignored
            assertTrue(fx.log.get(0).startsWith("UMA4J REFCOUNT: refcount error: retain after the last release"));
        }
    }

    @Test
    void balancedRetainsAndReleasesStaySilent() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            Zone<Buf> zone = fx.builder("cluster", 2048).refcount().build();
            for (int i = 0; i < 200; i++) {
                Buf b = zone.alloc();
                for (int r = 0; r < i % 4; r++) {
                    b.retain();
                }
                for (int r = 0; r <= i % 4; r++) {
                    b.release();
                }
            }
            assertEquals(0, fx.dbg.findings().count());
        }
    }
}
