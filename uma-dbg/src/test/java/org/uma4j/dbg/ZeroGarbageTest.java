package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;

/** BASIC checks allocate nothing on the Java heap per allocation and free: only FULL pays in objects. */
class ZeroGarbageTest {

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static void cycle(Zone<Buf> zone, int n) {
        for (int i = 0; i < n; i++) {
            Buf b = zone.allocLength(1000 + (i & 1023), Zone.WAITOK, 5);
            b.writeByte(i);
            zone.free(b, 6);
        }
    }

    @Test
    void basicChecksAllocateNothingPerOperation() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        try (DbgFixture fx = new DbgFixture("level=basic")) {
            Zone<Buf> zone = fx.zone("buf", 2048);
            try (LeakScope scope = fx.dbg.openScope("zero garbage")) {
                cycle(zone, 50_000); // warm up: slabs, records, buckets, compiled code
                long before = allocatedBytes();
                cycle(zone, 200_000);
                long used = allocatedBytes() - before;
                assertTrue(used < 64 * 1024, used + " bytes allocated by 200000 checked alloc/free cycles");
            }
            assertEquals(0, fx.dbg.findings().count());
            assertTrue(fx.dbg.zone("buf").checked(Detector.TRASH) >= 250_000);
            assertTrue(fx.dbg.zone("buf").checked(Detector.REDZONE) >= 250_000);
        }
    }
}
