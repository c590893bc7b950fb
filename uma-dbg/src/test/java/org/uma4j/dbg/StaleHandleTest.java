package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;

/** The recycled-handle ABA that Netty cannot see: a stale handle to an item that is in use again. */
class StaleHandleTest {
    private static final String OPTS = "level=basic,handles=on,policy=throw";

    @Test
    void staleHandleUseIsCaughtEvenThoughTheItemIsAllocatedAgain() {
        try (DbgFixture fx = new DbgFixture(OPTS)) {
            Zone<Buf> zone = fx.zone("buf", 256);
            Buf old = zone.alloc(Zone.WAITOK, fx.site("alloc", 70));
            zone.free(old, fx.site("free", 71));
            Buf fresh = zone.alloc(Zone.WAITOK, fx.site("realloc", 72));
            assertSame(old.slot(), fresh.slot()); // same type-stable item, new view
            assertNotSame(old, fresh);

            StaleHandleException e = assertThrows(StaleHandleException.class, () -> old.getByte(0));
            assertEquals(old.generation(), e.handleGeneration());
            assertEquals(fresh.generation(), e.generation());
            assertEquals(71, e.freeSite().line());
            fresh.setByte(0, 1); // the live handle is unaffected
        }
    }

    @Test
    void staleFreeIsRefusedSoTheNewOwnerKeepsItsAllocation() {
        try (DbgFixture fx = new DbgFixture(OPTS)) {
            Zone<Buf> zone = fx.zone("buf", 256);
            Buf old = zone.alloc();
            zone.free(old, fx.site("free", 80));
            Buf fresh = zone.alloc();
            StaleHandleException e = assertThrows(StaleHandleException.class, () -> zone.free(old, fx.site("x", 81)));
            assertEquals(81, e.site().line());
            assertEquals(80, e.freeSite().line());
            assertTrue(fresh.isAllocated());
            zone.free(fresh);
        }
    }

    @Test
    void secondFreeOfAViewBeforeReuseIsADuplicateFree() {
        try (DbgFixture fx = new DbgFixture(OPTS)) {
            Zone<Buf> zone = fx.zone("buf", 256);
            Buf b = zone.alloc();
            zone.free(b, fx.site("free", 90));
            DuplicateFreeException e = assertThrows(DuplicateFreeException.class, () -> zone.free(b));
            assertEquals(90, e.firstFreeSite().line());
        }
    }

    @Test
    void staleUseUnderLogIsReportedOnceAndReleaseIsRefused() {
        try (DbgFixture fx = new DbgFixture("level=basic,handles=on")) {
            Zone<Buf> zone = fx.builder("buf", 256).refcount().build();
            Buf old = zone.alloc();
            old.release();
            Buf fresh = zone.alloc();
            old.release(); // checkLive reports; the free that follows is refused quietly
            assertEquals(1, fx.of(FindingKind.STALE_HANDLE).size(), fx.findings::toString);
            assertEquals(1, fx.findings.size());
            assertTrue(fresh.isAllocated());
        }
    }

    @Test
    void liveHandlesStaySilent() {
        try (DbgFixture fx = new DbgFixture(OPTS)) {
            Zone<Buf> zone = fx.zone("buf", 256);
            for (int i = 0; i < 500; i++) {
                Buf b = zone.alloc();
                b.writeByte(i);
                assertEquals((byte) i, b.readByte());
                zone.free(b);
            }
            assertEquals(0, fx.dbg.findings().count());
        }
    }
}
