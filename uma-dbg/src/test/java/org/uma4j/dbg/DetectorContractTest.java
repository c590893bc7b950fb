package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Layout;
import org.uma4j.alloc.Zone;

/**
 * The detectors' contract, run against every keg layout, with and without generation handles,
 * on primary and secondary zones: each seeded bug is caught with the right kind and site, and
 * the same code without the bug stays silent.
 */
class DetectorContractTest {

    static Stream<Arguments> kinds() {
        List<Arguments> out = new ArrayList<>();
        for (Layout l : Layout.values()) {
            for (boolean views : new boolean[] {false, true}) {
                for (boolean secondary : new boolean[] {false, true}) {
                    out.add(Arguments.of(l, views, secondary));
                }
            }
        }
        return out.stream();
    }

    static Zone<Buf> zone(DbgFixture fx, Layout layout, boolean secondary) {
        Zone<Buf> primary = fx.builder("primary", 200).layout(layout).build();
        return secondary ? primary.secondary("secondary").build() : primary;
    }

    private static DbgFixture fixture(boolean views) {
        return new DbgFixture("level=basic,policy=throw,handles=" + (views ? "on" : "off"));
    }

    @ParameterizedTest(name = "{0}, views {1}, secondary {2}")
    @MethodSource("kinds")
    void trashCatchesAWriteAfterFree(Layout layout, boolean views, boolean secondary) {
        try (DbgFixture fx = fixture(views)) {
            assertTrashCatchesAWriteAfterFree(fx, zone(fx, layout, secondary), views);
        }
    }

    /**
     * Clean alloc + free cycles stay silent, then a write after free is caught at the next
     * alloc with its offset, count and both sites. Shared with {@link TrashHooksTest}, which
     * runs it on the lean trash hooks.
     */
    static void assertTrashCatchesAWriteAfterFree(DbgFixture fx, Zone<Buf> z, boolean views) {
        for (int i = 0; i < 50; i++) {
            z.free(z.alloc()); // clean first
        }
        Buf b = z.alloc(Zone.WAITOK, fx.site("alloc", 1));
        assertEquals(views, b.isView());
        byte[] a = b.array();
        int off = b.arrayOffset();
        z.free(b, fx.site("free", 2));
        a[off + 199] ^= 1;
        ModifiedAfterFreeException e = assertThrows(ModifiedAfterFreeException.class, z::alloc);
        assertEquals(199, e.offset());
        assertEquals(1, e.modifiedBytes());
        assertEquals(1, e.allocSite().line());
        assertEquals(2, e.freeSite().line());
        assertEquals(z.name(), e.zone());
    }

    @ParameterizedTest(name = "{0}, views {1}, secondary {2}")
    @MethodSource("kinds")
    void stateCatchesADuplicateFree(Layout layout, boolean views, boolean secondary) {
        try (DbgFixture fx = fixture(views)) {
            Zone<Buf> z = zone(fx, layout, secondary);
            Buf b = z.alloc();
            z.free(b, fx.site("free", 3));
            DuplicateFreeException e = assertThrows(DuplicateFreeException.class, () -> z.free(b));
            assertEquals(3, e.firstFreeSite().line());
        }
    }

    @ParameterizedTest(name = "{0}, views {1}, secondary {2}")
    @MethodSource("kinds")
    void redzoneCatchesAnOverflow(Layout layout, boolean views, boolean secondary) {
        try (DbgFixture fx = fixture(views)) {
            Zone<Buf> z = zone(fx, layout, secondary);
            Buf b = z.allocLength(150, Zone.WAITOK, fx.site("alloc", 4));
            b.array()[b.arrayOffset() + 150] = 9;
            RedzoneOverflowException e = assertThrows(RedzoneOverflowException.class, () -> z.free(b));
            assertEquals(1, e.overflowBytes());
            assertEquals(4, e.allocSite().line());
        }
    }

    @ParameterizedTest(name = "{0}, views {1}, secondary {2}")
    @MethodSource("kinds")
    void theSameCodeWithoutTheBugsStaysSilent(Layout layout, boolean views, boolean secondary) {
        try (DbgFixture fx = fixture(views)) {
            Zone<Buf> z = zone(fx, layout, secondary);
            try (LeakScope scope = fx.dbg.openScope("clean")) {
                for (int i = 0; i < 300; i++) {
                    Buf b = i % 3 == 0 ? z.allocLength(150, Zone.WAITOK, 0) : z.alloc();
                    byte[] a = b.array();
                    for (int k = 0; k < b.capacity(); k++) {
                        a[b.arrayOffset() + k] = (byte) k;
                    }
                    z.free(b);
                }
            }
            assertEquals(0, fx.dbg.findings().count());
        }
    }
}
