package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FindingsTest {
    private static final SiteTable SITES = new SiteTable();

    private static Finding duplicateFree() {
        return Finding.builder(FindingKind.DUPLICATE_FREE).zone("mbuf").item(17, 3)
                .sites(SITES.resolve(SITES.register("x.A", "m", "A.java", 42)), Site.UNKNOWN,
                        SITES.resolve(SITES.register("x.B", "n", "B.java", 9)))
                .build();
    }

    @Test
    void messageHasTheStyleGuidesShape() {
        assertEquals("uma4j: duplicate free of item 17 (zone \"mbuf\", slab 3) at A.java:42; first freed at B.java:9",
                duplicateFree().message());
        String report = duplicateFree().report();
        assertTrue(report.startsWith(
                "UMA4J DUPLICATE_FREE: duplicate free of item 17 (zone \"mbuf\", slab 3) at A.java:42; first freed at"));
        assertTrue(report.contains(System.lineSeparator() + "    caught at x.A.m(A.java:42)"), report);
        assertTrue(report.contains(System.lineSeparator() + "    first freed at x.B.n(B.java:9)"), report);
    }

    @Test
    void everyKindHasItsOwnExceptionAndPrefix() {
        for (FindingKind k : FindingKind.values()) {
            UmaViolationException e = Finding.builder(k).zone("z").item(1, 1).detail("d").build().toException();
            assertEquals(k, e.kind());
            assertTrue(e.getMessage().startsWith("uma4j: "), e.getMessage());
            assertEquals("UMA4J " + k.name() + ":", k.logPrefix());
            assertTrue(e.getClass() != UmaViolationException.class, k.name());
        }
    }

    @Test
    void policiesLogThrowOrHaltAfterTheListeners() {
        List<String> log = new ArrayList<>();
        List<String> order = new ArrayList<>();
        AtomicInteger halts = new AtomicInteger();
        Findings h = new Findings(null, Map.of(FindingKind.DUPLICATE_FREE, Policy.THROW, FindingKind.LEAK, Policy.HALT));
        h.log = log::add;
        h.halt = halts::incrementAndGet;
        h.addListener(f -> order.add("listener " + f.kind()));

        assertInstanceOf(DuplicateFreeException.class, assertThrows(UmaViolationException.class,
                () -> h.report(duplicateFree())));
        assertEquals(List.of("listener DUPLICATE_FREE"), order);
        assertTrue(log.isEmpty());

        h.report(Finding.builder(FindingKind.LEAK).zone("z").build());
        assertEquals(1, halts.get());
        assertEquals(1, log.size());

        h.report(Finding.builder(FindingKind.REFCOUNT).zone("z").detail("release below zero").build()); // LOG
        assertEquals(2, log.size());
        assertTrue(log.get(1).startsWith("UMA4J REFCOUNT: refcount error: release below zero"), log.get(1));
        assertEquals(1, h.count(FindingKind.LEAK));
        assertEquals(3, h.count());
        assertEquals(3, h.recent().size());
    }

    @Test
    void aThrowingListenerNeverChangesTheOutcome() {
        Findings h = new Findings(null, Map.of());
        List<String> log = new ArrayList<>();
        h.log = log::add;
        List<Finding> seen = new ArrayList<>();
        h.addListener(f -> {
            throw new IllegalStateException("broken listener");
        });
        h.addListener(seen::add);
        h.report(duplicateFree());
        assertEquals(1, seen.size());
        assertEquals(1, log.size()); // LOG policy line; the listener's failure went to the system logger
    }

    @Test
    void installedLayersForwardToTheGlobalHub() {
        List<Finding> global = new ArrayList<>();
        FindingListener l = global::add;
        Findings.global().addListener(l);
        try (DbgFixture fx = new DbgFixture("level=basic")) {
            fx.dbg.findings().report(duplicateFree());
            assertEquals(1, global.size());
        } finally {
            Findings.global().removeListener(l);
        }
    }

    @Test
    void policyNamesParseAndBadOnesAreNamed() {
        assertEquals(Policy.HALT, Policy.parse(" Halt "));
        assertEquals("policy: panic (expected: log, throw or halt)",
                assertThrows(IllegalArgumentException.class, () -> Policy.parse("panic")).getMessage());
    }
}
