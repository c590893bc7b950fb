package org.uma4j.jfr;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Reclaim;
import org.uma4j.alloc.Zone;

/**
 * Test support: a workload that makes every uma4j event type at least once, with known
 * values, for the tests that check the whole schema (JMC's parser, the reader).
 */
final class Scenario {
    static final String ZONE = "scenario";
    static final MbufStats MBUFS = new MbufStats(10, 20, 3, 4, 1000, 1, 2, 2560 + 6144, 5120 + 8192,
            5, 6, 7, 8, 9, 11);
    static final List<CallSiteStats> SITES = List.of(
            new CallSiteStats(1, "com.example.Codec.read(Codec.java:42)", ZONE, 100, 51200, 3, 1536),
            new CallSiteStats(2, "com.example.Server.accept(Server.java:7)", "", 5, 2560, 0, 0));

    private Scenario() {
    }

    /** Installs the sources; call before the recording starts. */
    static void sources() {
        UmaJfr.mbufs(() -> MBUFS);
        UmaJfr.callSites(() -> SITES);
    }

    /** Runs the workload; call inside a recording with every uma4j event enabled. */
    static void run() {
        Zone<Buf> z = Zone.builder(ZONE, 512).limit(1).build();
        Buf a = z.alloc(Zone.NOWAIT, 1);                    // SlabGrow, ItemAllocation
        if (z.allocWait(1, TimeUnit.MILLISECONDS) != null) { // LimitReached, AllocationDelayed
            throw new AssertionError("limit 1 let a second item out");
        }
        z.free(a, 1);                                       // ItemFree
        z.reclaim(Reclaim.DRAIN_CPU);                       // Reclaim, SlabRelease
        FindingEvents.emit(Names.LEAK, ZONE, 1, 0, -1, "A.java:1", "", "uma4j: leak of item 0 (zone \"scenario\", slab 1)");
        FindingEvents.emit(Names.MODIFIED_AFTER_FREE, ZONE, 1, 0, 12, "A.java:1", "B.java:2",
                "uma4j: memory modified after free of item 0 (zone \"scenario\", slab 1) at offset 12");
        FindingEvents.emit(Names.DOUBLE_FREE, ZONE, 1, 0, -1, "A.java:1", "B.java:2",
                "uma4j: duplicate free of item 0 (zone \"scenario\", slab 1)");
        FindingEvents.emit(Names.WRONG_ZONE_FREE, ZONE, 1, 0, -1, "A.java:1", "", "uma4j: wrong zone free");
        FindingEvents.emit(Names.STALE_HANDLE, ZONE, 1, 0, -1, "A.java:1", "B.java:2", "uma4j: stale handle");
        FindingEvents.emit(Names.REFCOUNT_ERROR, ZONE, 1, 0, -1, "", "", "uma4j: refcount error");
        FindingEvents.emit(Names.REDZONE_OVERFLOW, ZONE, 1, 0, 520, "A.java:1", "", "uma4j: redzone overflow");

    }
}
