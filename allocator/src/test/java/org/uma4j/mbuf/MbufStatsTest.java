package org.uma4j.mbuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uma4j.alloc.Zone.NOWAIT;
import static org.uma4j.mbuf.Mbuf.MT_DATA;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.alloc.ZoneStats;

/** netstat -m: FreeBSD's derivations, and the text held to a golden file. */
class MbufStatsTest {

    private static ZoneStats zone(String name, int size, long limit, long used, long free, long fails, long sleeps,
            boolean primary) {
        return new ZoneStats(name, size, limit, used, free, used + 100, fails, sleeps, 1, 65536, free, 0, 16, 0,
                primary);
    }

    /** A fixed sample: 40 mbufs and 10 pairs out, 30 pairs parked in the packet cache. */
    static MbufStats sample() {
        return new MbufStats(
                zone("mbuf", 256, 26214, 40, 214, 1, 2, true),
                zone("packet", 256, 0, 10, 30, 3, 0, false),
                zone("cluster", 2048, 65536, 52, 12, 4, 5, true),
                zone("jumbop", 4096, 32768, 2, 2, 6, 7, true),
                zone("jumbo9", 9216, 9709, 1, 0, 8, 9, true),
                zone("jumbo16", 16384, 5461, 0, 1, 10, 11, true),
                2, 3);
    }

    @Test
    void derivationsCountParkedClustersAsCache() {
        MbufStats s = sample();
        assertEquals(50, s.mbufsInUse());
        assertEquals(244, s.mbufsCached());
        assertEquals(22, s.clustersInUse(), "52 allocated from the cluster zone, 30 of them parked in packets");
        assertEquals(42, s.clustersCached());
        assertEquals(5, s.packetsDenied());
        assertEquals(50L * 256 + 22 * 2048 + 2 * 4096 + 9216, s.bytesInUse());
    }

    @Test
    void renderMatchesTheGoldenFile() throws IOException {
        try (InputStream in = MbufStatsTest.class.getResourceAsStream("netstat-m.golden.txt")) {
            String golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(golden, sample().render());
        }
    }

    @Test
    void liveFamilyShowsPacketsParkedAsCache() {
        Mbufs mbufs = Mbufs.builder().registry(new ZoneRegistry()).nmbclusters(1000).build();
        List<Mbuf> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(mbufs.getcl(NOWAIT, MT_DATA, 0));
        }
        Mbuf plain = mbufs.get(NOWAIT, MT_DATA);
        MbufStats s = mbufs.stats();
        String text = s.render();
        assertEquals(4, s.mbufsInUse());
        assertEquals(3, s.clustersInUse());
        assertTrue(text.contains("\n3/" + s.packet().free() + " mbuf+clusters out of packet secondary zone in use"), text);
        assertTrue(text.startsWith("4/" + s.mbufsCached() + "/" + (4 + s.mbufsCached()) + " mbufs in use"), text);
        assertTrue(text.contains("3/" + s.clustersCached() + "/" + s.cluster().used() + "/1000 mbuf clusters in use"), text);
        held.forEach(Mbuf::freem);
        plain.free();
        MbufTesting.assertAllBack(mbufs);
    }
}
