package org.uma4j.integration.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uma4j.alloc.Layout;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.alloc.ZoneStats;
import org.uma4j.integration.BufZones;

/** Real traffic on loopback through the zone allocator, without the debug layer. */
class NettyEchoTest {

    @Test
    @Timeout(60)
    void echoIsCorrectAndEveryBufferWentBackToItsZone() throws Exception {
        BufZones zones = new BufZones("echo", new ZoneRegistry(), Layout.PER_ITEM, BufZones.DEFAULT_MAX_SIZE);
        ZoneByteBufAllocator alloc = new ZoneByteBufAllocator(zones, PooledByteBufAllocator.DEFAULT, true);
        byte[] payload = EchoTraffic.payload(512 * 1024, 1);

        byte[] got = EchoTraffic.run(alloc, EchoTraffic.EchoHandler::new, payload);

        assertArrayEquals(payload, got);
        long requests = 0;
        int classesUsed = 0;
        for (ZoneStats s : zones.stats()) {
            requests += s.requests();
            classesUsed += s.requests() > 0 ? 1 : 0;
            assertEquals(0, s.used(), s.name() + " has buffers out after the exchange");
        }
        // The client's ~115 writes (1..9000 B) and both sides' reads come from the zones; only
        // reads, which Netty's adaptive guess grows to 64 KiB, reach the largest class.
        assertTrue(requests >= 125, "requests: " + requests);
        assertTrue(classesUsed >= 5, "size classes used: " + classesUsed);
        assertTrue(zones.zoneFor(65536).stats().requests() > 0, "reads are served by the zones");
    }
}
