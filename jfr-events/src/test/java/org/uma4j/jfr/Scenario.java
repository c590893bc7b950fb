package org.uma4j.jfr;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Reclaim;
import org.uma4j.alloc.Zone;
import org.uma4j.dbg.DebugConfig;
import org.uma4j.dbg.Finding;
import org.uma4j.dbg.FindingKind;
import org.uma4j.dbg.Findings;
import org.uma4j.dbg.LeakScope;
import org.uma4j.dbg.Level;
import org.uma4j.dbg.UmaDbg;
import org.uma4j.mbuf.Mbuf;
import org.uma4j.mbuf.Mbufs;

/**
 * Test support: a workload that makes every uma4j event type at least once, with known
 * values, for the tests that check the whole schema (JMC's parser, the reader). Findings come
 * from the real uma-dbg detectors, seeded with one bug of each kind; only DUPLICATE_ALLOC,
 * which needs a corrupted cache, is reported by hand.
 */
final class Scenario {
    static final String ZONE = "scenario";
    static final String DBG_ZONE = "scenario-dbg";
    static final List<CallSiteStats> SITES = List.of(
            new CallSiteStats(1, "com.example.Codec.read(Codec.java:42)", ZONE, 100, 51200, 3, 1536, "allocate"),
            new CallSiteStats(2, "com.example.Server.accept(Server.java:7)", "", 5, 2560, 0, 0));
    static final List<SizeClassStats> SIZE_CLASSES = List.of(
            new SizeClassStats("heap-512", "heap", 512, 0, 100, 51200, 3, 1536),
            new SizeClassStats("wrap-64", "wrap", 64, 1000, 5, 320, 0, 0));

    static Mbufs mbufs;

    private Scenario() {
    }

    /** Builds the mbuf family and installs the sources; call before the recording starts. */
    static void sources() {
        mbufs = Mbufs.builder().nmbclusters(64).build();
        UmaJfr.mbufs(mbufs);
        UmaJfr.callSites(() -> SITES);
        UmaJfr.sizeClasses(() -> SIZE_CLASSES);
    }

    /** Runs the workload; call inside a recording with every uma4j event enabled. */
    static void run() {
        Zone<Buf> z = Zone.builder(ZONE, 512).limit(1).build();
        Buf a = z.alloc(Zone.NOWAIT, 1);                    // SlabGrow, ItemAllocation
        if (z.alloc(Zone.NOWAIT) != null) {                  // LimitReached
            throw new AssertionError("limit 1 let a second item out");
        }
        if (z.allocWait(1, TimeUnit.MILLISECONDS) != null) { // AllocationDelayed
            throw new AssertionError("limit 1 let a second item out");
        }
        z.free(a, 1);                                       // ItemFree
        z.reclaim(Reclaim.DRAIN_CPU);                       // Reclaim, SlabRelease

        Mbuf m = mbufs.getcl(Zone.NOWAIT, Mbuf.MT_DATA, Mbuf.M_PKTHDR);
        Mbuf held = mbufs.get(Zone.NOWAIT, Mbuf.MT_DATA);
        m.freem();                                          // 1 mbuf in use, a packet cached
        Scenario.held = held;
        findings();
    }

    static Mbuf held; // keeps one mbuf in use across the recording's end

    /** One seeded bug per finding kind. */
    static void findings() {
        UmaDbg dbg = UmaDbg.create(DebugConfig.builder(Level.BASIC).generationHandles(true).build());
        Zone<Buf> d = dbg.configure(Zone.builder(DBG_ZONE, 256).refcount()).build();
        Zone<Buf> other = dbg.configure(Zone.builder(DBG_ZONE + "-other", 256)).build();

        Buf b = d.alloc(Zone.NOWAIT);
        d.free(b);
        d.free(b);                                          // DUPLICATE_FREE (a stale view at FULL handles)

        Buf w = d.alloc(Zone.NOWAIT);
        other.free(w);                                      // WRONG_ZONE
        d.free(w);

        d.free(null);                                       // FOREIGN

        UmaDbg plain = UmaDbg.create(DebugConfig.of(Level.BASIC)); // items, not views: refcounts are seen as such
        Zone<Buf> rc = plain.configure(Zone.builder(DBG_ZONE + "-refcount", 256).refcount()).build();
        Buf r = rc.alloc(Zone.NOWAIT);
        r.release();
        r.retain();                                         // REFCOUNT

        Buf s = d.alloc(Zone.NOWAIT);
        d.free(s);
        s.capacity();                                       // STALE_HANDLE

        Buf over = d.allocLength(100, Zone.NOWAIT, 0);
        over.slot().memory()[((Buf) over.slot()).arrayOffset() + 100] = 42;
        d.free(over);                                       // REDZONE_OVERFLOW

        Buf t = d.alloc(Zone.NOWAIT);
        Buf item = (Buf) t.slot();
        int at = item.arrayOffset() + 12;
        d.free(t);
        item.memory()[at] ^= 0x5a;                          // write after free
        for (int i = 0; i < 64; i++) {                      // LIFO: the next allocations find it
            Buf again = d.alloc(Zone.NOWAIT);
            boolean found = again.slot() == item;
            d.free(again);
            if (found) {
                break;
            }
        }                                                   // MODIFIED_AFTER_FREE

        try (LeakScope scope = dbg.openScope("request")) {
            d.alloc(Zone.NOWAIT);                           // LEAK when the scope closes
        }

        Findings.global().report(Finding.builder(FindingKind.DUPLICATE_ALLOC).zone(DBG_ZONE).item(0, 1)
                .detail("seeded by the test").build());     // DUPLICATE_ALLOC
    }
}
