package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Layout;
import org.uma4j.alloc.Reclaim;
import org.uma4j.alloc.Zone;

/**
 * The lean hooks of zones with TRASH alone ({@link TrashHooks}): a seeded write after free is
 * caught with its offset, value and both sites under every policy, clean runs stay silent,
 * sampling and run-time switching never misreport, and fini catches damage to a cached item.
 */
class TrashHooksTest {
    /** BASIC with every detector but TRASH off. */
    private static final String TRASH_ONLY = "level=basic,state=off,stale=off,refcount=off,scope=off,redzone=off";

    private static DbgFixture fixture(String extra) {
        return new DbgFixture(TRASH_ONLY + (extra.isEmpty() ? "" : "," + extra));
    }

    @Test
    void trashAloneGetsTheLeanHooksAndAnyOtherDetectorOrRecordingTheGeneralOnes() {
        try (DbgFixture fx = fixture("zone.checked.state=on")) {
            assertInstanceOf(TrashHooks.class, fx.dbg.hooks("buf"));
            assertInstanceOf(ZoneHooks.class, fx.dbg.hooks("checked"));
            assertTrue(fx.zone("buf", 64).hasDebugHooks());
        }
        try (DbgFixture fx = fixture("stacks=on")) {
            assertInstanceOf(ZoneHooks.class, fx.dbg.hooks("buf"));
        }
        try (DbgFixture fx = fixture("records=2")) {
            assertInstanceOf(ZoneHooks.class, fx.dbg.hooks("buf"));
        }
        try (DbgFixture fx = new DbgFixture("level=basic")) {
            assertInstanceOf(ZoneHooks.class, fx.dbg.hooks("buf"));
        }
    }

    @Test
    void writeAfterFreeIsThrownOnReuseWithOffsetValueCountAndTheAllocAndFreeSites() {
        try (DbgFixture fx = fixture("policy=throw")) {
            Zone<Buf> zone = fx.zone("buf", 256);
            Buf b = TrashTest.assertThrownWriteAfterFree(fx, zone);
            assertEquals(1, fx.of(FindingKind.MODIFIED_AFTER_FREE).size()); // listeners saw it before the throw

            assertSame(b, zone.alloc()); // the item went back and was filled again: reported once
            assertEquals(1, fx.dbg.findings().count());
        }
    }

    @Test
    void writeAfterFreeIsLoggedUnderLogWithBothSites() {
        try (DbgFixture fx = fixture("")) {
            Zone<Buf> zone = fx.zone("buf", 2048);
            Buf b = zone.alloc(Zone.WAITOK, fx.site("alloc", 20));
            byte[] escaped = b.array();
            int off = b.arrayOffset();
            zone.free(b, fx.site("free", 21));
            escaped[off + 2047] = 0;

            assertSame(b, zone.alloc(Zone.WAITOK, fx.site("realloc", 22))); // LOG: the allocation goes on
            List<Finding> fs = fx.of(FindingKind.MODIFIED_AFTER_FREE);
            assertEquals(1, fs.size(), fx.findings::toString);
            Finding f = fs.get(0);
            assertEquals(2047, f.offset());
            assertEquals(1, f.modifiedBytes());
            assertEquals(20, f.allocSite().line());
            assertEquals(21, f.freeSite().line());
            assertEquals(22, f.site().line());
            assertEquals(2048, f.size());
            assertEquals(1, fx.log.size());
            assertTrue(fx.log.get(0).startsWith("UMA4J MODIFIED_AFTER_FREE: memory modified after free of item "),
                    fx.log.get(0));
            assertEquals(1, fx.dbg.findings().count(FindingKind.MODIFIED_AFTER_FREE));
        }
    }

    @Test
    void aRefusedDuplicateFreeKeepsTheSiteOfTheFreeThatCachedTheItem() {
        try (DbgFixture fx = fixture("policy=throw")) {
            Zone<Buf> zone = fx.zone("buf", 64);
            Buf b = zone.alloc(Zone.WAITOK, fx.site("alloc", 30));
            zone.free(b, fx.site("free", 31));
            int again = fx.site("duplicate", 32);
            assertThrows(IllegalStateException.class, () -> zone.free(b, again)); // the allocator's own check
            b.array()[b.arrayOffset()] = 5;

            ModifiedAfterFreeException e = assertThrows(ModifiedAfterFreeException.class, zone::alloc);
            assertEquals(31, e.freeSite().line());
            assertEquals(30, e.allocSite().line());
        }
    }

    @Test
    void aFailedCtorGivesTheItemBackFilledAndKeepsTheSiteOfTheLastFree() {
        try (DbgFixture fx = fixture("policy=throw")) {
            boolean[] fail = {false};
            Zone<Buf> zone = fx.builder("buf", 64).ctor((b, arg) -> {
                b.setByte(0, 1); // the ctor writes, then fails: its write must not look like damage
                if (fail[0]) {
                    throw new IllegalArgumentException("seeded ctor failure");
                }
            }).build();
            Buf b = zone.alloc(Zone.WAITOK, fx.site("alloc", 35));
            zone.free(b, fx.site("free", 36));
            fail[0] = true;
            assertThrows(IllegalArgumentException.class, () -> zone.alloc(Zone.WAITOK, fx.site("failed", 37)));
            fail[0] = false;
            assertSame(b, zone.alloc()); // given back and filled again: verified clean
            assertTrue(fx.findings.isEmpty(), fx.findings::toString);
            zone.free(b, fx.site("free", 38));
            b.array()[b.arrayOffset() + 3] = 0;
            ModifiedAfterFreeException e = assertThrows(ModifiedAfterFreeException.class, zone::alloc);
            assertEquals(38, e.freeSite().line());
        }
    }

    @Test
    void finiCatchesAWriteToACachedItemAndReportsWithoutThrowingIntoReclaim() {
        try (DbgFixture fx = fixture("policy=throw")) {
            Zone<Buf> zone = fx.zone("buf", 64);
            List<Buf> bs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                bs.add(zone.alloc(Zone.WAITOK, fx.site("alloc", 40)));
            }
            Buf victim = bs.get(3);
            byte[] a = victim.array();
            int off = victim.arrayOffset();
            int freeAt = fx.site("free", 41);
            bs.forEach(b -> zone.free(b, freeAt));
            a[off + 63] = 0;
            zone.reclaim(Reclaim.DRAIN_CPU); // must not throw

            List<Finding> fs = fx.of(FindingKind.MODIFIED_AFTER_FREE);
            assertEquals(1, fs.size(), fx.findings::toString);
            assertEquals(63, fs.get(0).offset());
            assertEquals(victim.index(), fs.get(0).index());
            assertEquals(40, fs.get(0).allocSite().line());
            assertEquals(41, fs.get(0).freeSite().line());
            assertEquals(1, fx.log.size());
            assertEquals(0, zone.stats().used());
            assertEquals(zone.keg().freeItems(), zone.keg().verify());
        }
    }

    @Test
    void aCleanRunOfSeveralSizesLengthsAndZeroingStaysSilent() {
        try (DbgFixture fx = fixture("policy=throw")) {
            for (int size : new int[] {16, 256, 2048, 5000, 16384}) {
                Zone<Buf> zone = fx.zone("buf-" + size, size);
                List<Buf> out = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    int len = i % 4 == 0 ? size / 2 : size;
                    int flags = i % 3 == 0 ? Zone.WAITOK | Zone.ZERO : Zone.WAITOK;
                    Buf b = len < size ? zone.allocLength(len, flags, 0) : zone.alloc(flags);
                    byte[] a = b.array();
                    for (int k = 0; k < len; k++) {
                        a[b.arrayOffset() + k] = (byte) (i + k);
                    }
                    out.add(b);
                    if (i % 2 == 0) {
                        zone.free(out.remove(0));
                    }
                }
                out.forEach(zone::free);
                zone.reclaim(Reclaim.DRAIN_CPU); // fini verifies every cached item
                assertTrue(fx.dbg.zone(zone.name()).checked(Detector.TRASH) >= 300, zone.name());
            }
            assertTrue(fx.findings.isEmpty(), fx.findings::toString);
        }
    }

    @Test
    void aRefcountedZoneFreedByTheLastReleaseStaysSilent() {
        try (DbgFixture fx = fixture("policy=throw")) {
            Zone<Buf> zone = fx.builder("cluster", 2048).refcount().build();
            for (int i = 0; i < 200; i++) {
                Buf b = zone.alloc();
                b.writeBytes(new byte[100], 0, 100);
                b.retain();
                assertFalse(b.release());
                assertTrue(b.release()); // the last release frees: filled, then verified at the next alloc
            }
            zone.reclaim(Reclaim.DRAIN_CPU);
            assertTrue(fx.findings.isEmpty(), fx.findings::toString);
            assertTrue(fx.dbg.zone("cluster").checked(Detector.TRASH) >= 200);
        }
    }

    @Test
    void aSampledZoneChecksExactlyTheItemsItFilled() {
        try (DbgFixture fx = fixture("trash.divisor=3")) {
            Zone<Buf> zone = fx.zone("buf", 64);
            List<Buf> bs = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                bs.add(zone.alloc());
            }
            List<Boolean> filled = new ArrayList<>();
            for (Buf b : bs) {
                zone.free(b);
                filled.add(b.array()[b.arrayOffset()] == (byte) 0xde); // the fill decision, seen in memory
                b.array()[b.arrayOffset() + 1] = 7; // every item damaged; only filled ones can tell
            }
            long picked = filled.stream().filter(f -> f).count();
            assertTrue(picked > 0 && picked < bs.size(), "picked " + picked + " of " + bs.size());
            List<Buf> again = new ArrayList<>();
            for (int i = 0; i < bs.size(); i++) {
                again.add(zone.alloc()); // LOG: a damaged filled item is reported here, filled again on free
            }
            again.forEach(zone::free);
            zone.reclaim(Reclaim.DRAIN_CPU); // fini verifies the damaged items not allocated again
            assertEquals(picked, fx.of(FindingKind.MODIFIED_AFTER_FREE).size());
            ZoneChecks c = fx.dbg.zone("buf");
            assertTrue(c.skipped(Detector.TRASH) > 0);
            assertTrue(c.checked(Detector.TRASH) >= picked);
        }
    }

    @Test
    void aDivisorChangedBetweenFillAndVerifyChecksOnlyWhatWasFilled() {
        try (DbgFixture fx = fixture("policy=throw,trash.divisor=0")) {
            Zone<Buf> zone = fx.zone("buf", 64);
            Buf b = zone.alloc();
            b.setByte(0, 7); // owner data, never trashed
            zone.free(b);
            fx.dbg.zone("buf").setDivisor(Detector.TRASH, 1);
            assertSame(b, zone.alloc()); // not filled under divisor 0: nothing to verify
            zone.free(b);
            fx.dbg.zone("buf").setDivisor(Detector.TRASH, 0);
            b.array()[b.arrayOffset()] = 9;
            ModifiedAfterFreeException e = assertThrows(ModifiedAfterFreeException.class, zone::alloc);
            assertEquals(0, e.offset()); // filled under divisor 1: still verified
        }
    }

    @Test
    void switchingTrashOffThenOnAtRunTimeNeverMisreports() {
        try (DbgFixture fx = fixture("policy=throw")) {
            Zone<Buf> zone = fx.zone("buf", 64);
            ZoneChecks c = fx.dbg.zone("buf");
            Buf b = zone.alloc();
            zone.free(b); // filled
            c.setEnabled(Detector.TRASH, false);
            long checked = c.checked(Detector.TRASH);
            assertSame(b, zone.alloc()); // off: not verified
            b.setByte(0, 7);
            zone.free(b); // off: not filled
            assertEquals(7, b.array()[b.arrayOffset()]);
            assertEquals(checked, c.checked(Detector.TRASH));
            c.setEnabled(Detector.TRASH, true);
            assertSame(b, zone.alloc()); // freed while off: nothing to verify
            zone.free(b); // filled again
            assertSame(b, zone.alloc()); // verified clean
            assertTrue(fx.findings.isEmpty(), fx.findings::toString);
            zone.free(b);
            b.array()[b.arrayOffset() + 5] = 1;
            assertThrows(ModifiedAfterFreeException.class, zone::alloc); // and catching again
        }
    }

    @Test
    void otherDetectorsSwitchedOnLaterReachOnlyZonesBuiltAfterwards() {
        try (DbgFixture fx = fixture("policy=throw")) {
            Zone<Buf> lean = fx.zone("buf", 64);
            fx.dbg.zone("buf").setEnabled(Detector.STATE, true);
            Buf b = lean.alloc();
            lean.free(b);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> lean.free(b));
            assertFalse(e instanceof UmaViolationException, e.toString()); // the allocator's check, not a finding
            assertEquals(0, fx.dbg.findings().count());

            fx.dbg.zone("later").setEnabled(Detector.STATE, true);
            Zone<Buf> later = fx.zone("later", 64); // built afterwards: the general hooks
            Buf c = later.alloc(Zone.WAITOK, 0);
            later.free(c, fx.site("free", 70));
            DuplicateFreeException d = assertThrows(DuplicateFreeException.class, () -> later.free(c));
            assertEquals(70, d.firstFreeSite().line());
        }
    }

    @Test
    void anAllThreadsLeakScopeCatchesALeakInALeanZone() {
        try (DbgFixture fx = fixture("policy=throw")) {
            Zone<Buf> zone = fx.zone("buf", 256);
            LeakScope scope = fx.dbg.openScope("test", true);
            Buf leaked = zone.alloc(Zone.WAITOK, fx.site("leaky", 50));
            for (int i = 0; i < 20; i++) {
                zone.free(zone.alloc());
            }
            assertEquals(1, scope.outstanding());
            LeakException e = assertThrows(LeakException.class, scope::close);
            assertEquals(1, e.leaks().size());
            assertEquals(50, e.leaks().get(0).allocSite().line());
            assertEquals(leaked.index(), e.leaks().get(0).index());
            zone.free(leaked);
        }
    }

    @Test
    void outstandingListsALeanZonesAllocationsFromTheAllocatorsState() {
        try (DbgFixture fx = fixture("")) {
            Zone<Buf> zone = fx.zone("buf", 256);
            Zone<Buf> other = fx.zone("other", 256);
            Buf a = zone.alloc(Zone.WAITOK, fx.site("a", 60));
            Buf b = other.alloc();
            zone.free(zone.alloc());
            List<Finding> out = fx.dbg.outstanding("buf");
            assertEquals(1, out.size());
            assertEquals(60, out.get(0).allocSite().line());
            assertEquals(a.index(), out.get(0).index());
            assertEquals(1, fx.dbg.zone("buf").outstanding());
            zone.free(a);
            other.free(b);
            assertTrue(fx.dbg.outstanding("buf").isEmpty());
            assertEquals(0, fx.dbg.zone("buf").outstanding());
            assertEquals(0, fx.dbg.findings().count()); // listing reports nothing
        }
    }

    @ParameterizedTest(name = "{0}, views {1}, secondary {2}")
    @MethodSource("org.uma4j.dbg.DetectorContractTest#kinds") // every layout, with and without views, primary and secondary
    void everyLayoutViewAndSecondaryZoneCatchesAWriteAfterFree(Layout layout, boolean views, boolean secondary) {
        try (DbgFixture fx = fixture("policy=throw,handles=" + (views ? "on" : "off"))) {
            assertInstanceOf(TrashHooks.class, fx.dbg.hooks("any"));
            DetectorContractTest.assertTrashCatchesAWriteAfterFree(fx, DetectorContractTest.zone(fx, layout, secondary), views);
        }
    }
}
