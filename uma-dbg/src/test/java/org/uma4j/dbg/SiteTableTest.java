package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;

class SiteTableTest {

    @Test
    void registeredSitesResolveAndDeduplicate() {
        SiteTable t = new SiteTable();
        int id = t.register("com.acme.Codec", "encode", "Codec.java", 42);
        assertEquals(id, t.register("com.acme.Codec", "encode", "Codec.java", 42));
        Site s = t.resolve(id);
        assertEquals("com.acme.Codec", s.className());
        assertEquals("encode", s.methodName());
        assertEquals(42, s.line());
        assertEquals("Codec.java:42", s.toString());
        assertEquals("com.acme.Codec.encode(Codec.java:42)", s.describe());
        assertSame(Site.UNKNOWN, t.resolve(0));
        assertSame(Site.UNKNOWN, t.resolve(999));
        assertFalse(Site.UNKNOWN.isKnown());
        assertEquals(1, t.size());
    }

    @Test
    void captureSkipsUma4jFramesSoTheCallersFrameComesFirst() {
        try (DbgFixture fx = new DbgFixture("level=full,policy=throw")) {
            Zone<Buf> zone = fx.zone("buf", 64);
            Buf b = zone.alloc(); int line = new Throwable().getStackTrace()[0].getLineNumber();
            zone.free(b);
            DuplicateFreeException e = assertThrows(DuplicateFreeException.class, () -> zone.free(b));
            assertEquals(SiteTableTest.class.getName(), e.allocSite().className());
            assertEquals("captureSkipsUma4jFramesSoTheCallersFrameComesFirst", e.allocSite().methodName());
            assertEquals(line, e.allocSite().line());
            assertEquals(line + 1, e.firstFreeSite().line());
            assertTrue(e.site().className().startsWith(SiteTableTest.class.getName()), e.site().className());
            assertEquals(2, e.getSuppressed().length); // allocation and free backtraces
            assertEquals(SiteTableTest.class.getName(), e.getSuppressed()[0].getStackTrace()[0].getClassName());
        }
    }

    @Test
    void basicLevelWalksNoStack() {
        try (DbgFixture fx = new DbgFixture("level=basic,policy=throw")) {
            Zone<Buf> zone = fx.zone("buf", 64);
            int before = fx.dbg.sites().size();
            Buf b = zone.alloc();
            zone.free(b);
            DuplicateFreeException e = assertThrows(DuplicateFreeException.class, () -> zone.free(b));
            assertFalse(e.allocSite().isKnown());
            assertEquals(0, e.getSuppressed().length);
            assertEquals(before, fx.dbg.sites().size());
        }
    }

    @Test
    void badPrefixIsRejectedWithItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SiteTable().skipPackage(""));
        assertEquals("prefix: \"\" (expected: a package or class prefix)", e.getMessage());
    }
}
