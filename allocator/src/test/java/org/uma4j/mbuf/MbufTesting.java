package org.uma4j.mbuf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.uma4j.alloc.ZoneStats;

/** Test helpers: the end-of-test check that every mbuf and cluster is back in its zone. */
final class MbufTesting {
    private MbufTesting() {
    }

    /** Drains the packet zone, then checks that no zone of the family has an item out. */
    static void assertAllBack(Mbufs mbufs) {
        MbufStats before = mbufs.stats();
        assertEquals(0, before.mbufsInUse(), "mbufs in use\n" + before.render());
        assertEquals(0, before.clustersInUse(), "clusters in use\n" + before.render());
        mbufs.drain();
        MbufStats s = mbufs.stats();
        for (ZoneStats z : new ZoneStats[] {s.mbuf(), s.packet(), s.cluster(), s.jumbop(), s.jumbo9(), s.jumbo16()}) {
            assertEquals(0, z.used(), z.name() + " used\n" + s.render());
        }
    }
}
