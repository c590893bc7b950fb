package org.uma4j.mbuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uma4j.alloc.Zone.NOWAIT;
import static org.uma4j.mbuf.Mbuf.MT_DATA;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.ZoneRegistry;

/** Steady-state getcl + freem (and friends) allocate no bytes on the Java heap. */
class MbufZeroGarbageTest {
    private static final int WARMUP = 200_000;
    private static final int ITERATIONS = 100_000;

    private final Mbufs mbufs = Mbufs.builder().registry(new ZoneRegistry()).build();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private long allocated() {
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Bytes the measurement itself costs: two reads with nothing between. */
    private long overhead() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long a = allocated();
            long b = allocated();
            min = Math.min(min, b - a);
        }
        return min;
    }

    private long measure(Runnable op) {
        for (int i = 0; i < WARMUP; i++) {
            op.run();
        }
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3 && best != 0; attempt++) {
            long base = overhead();
            long before = allocated();
            for (int i = 0; i < ITERATIONS; i++) {
                op.run();
            }
            best = Math.min(best, allocated() - before - base);
        }
        return best;
    }

    private static Object sink; // keeps the negative control's allocation from being optimised away

    @Test
    void negativeControlTheMeasurementSeesGarbage() {
        threads.setThreadAllocatedMemoryEnabled(true);
        long bytes = measure(() -> sink = new byte[16]);
        assertTrue(bytes >= 16L * ITERATIONS, "measured " + bytes + " bytes for " + ITERATIONS + " byte[16]");
    }

    @Test
    void getclFreemAllocatesNothing() {
        assertTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        long bytes = measure(() -> {
            Mbuf m = mbufs.getcl(NOWAIT, MT_DATA, Mbuf.M_PKTHDR);
            m.setLen(64);
            m.setPktLen(64);
            m.freem();
        });
        assertEquals(0, bytes, "heap bytes over " + ITERATIONS + " getcl+freem");
        MbufTesting.assertAllBack(mbufs);
    }

    @Test
    void sharedCopyAndChainRoutinesAllocateNothing() {
        threads.setThreadAllocatedMemoryEnabled(true);
        byte[] payload = new byte[1500];
        byte[] out = new byte[1500];
        long bytes = measure(() -> {
            Mbuf m = mbufs.getcl(NOWAIT, MT_DATA, Mbuf.M_PKTHDR);
            MbufData.append(m, payload, 0, payload.length, NOWAIT);
            Mbuf c = MbufChain.copypacket(m, NOWAIT);   // shares the cluster
            m = MbufChain.prepend(m, 14, NOWAIT);       // a new header mbuf
            MbufChain.adj(c, 20);
            MbufData.copydata(c, 0, 100, out, 0);
            m.dataBuffer();
            c.freem();
            m.freem();
        });
        assertEquals(0, bytes, "heap bytes over " + ITERATIONS + " append/copypacket/prepend/adj/freem");
        MbufTesting.assertAllBack(mbufs);
    }
}
