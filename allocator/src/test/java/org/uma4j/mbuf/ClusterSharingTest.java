package org.uma4j.mbuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uma4j.alloc.Zone.NOWAIT;
import static org.uma4j.mbuf.Mbuf.MT_DATA;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.alloc.ZoneStats;

/** Clusters shared by copym and split: counted, read-only while shared, freed exactly once. */
class ClusterSharingTest {
    private final Mbufs mbufs = Mbufs.builder().registry(new ZoneRegistry()).build();

    @AfterEach
    void allMemoryBack() {
        MbufTesting.assertAllBack(mbufs);
    }

    private Mbuf packet(int n, boolean fromPacketZone) {
        Mbuf m;
        if (fromPacketZone) {
            m = mbufs.getcl(NOWAIT, MT_DATA, Mbuf.M_PKTHDR);
        } else {
            m = mbufs.gethdr(NOWAIT, MT_DATA);
            assertTrue(mbufs.clget(m, NOWAIT));
        }
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        assertTrue(MbufData.append(m, b, 0, n, NOWAIT));
        return m;
    }

    @Test
    void copymSharesTheClusterAndTheLastFreeReturnsItOnce() {
        for (boolean pz : new boolean[] {true, false}) {
            Mbuf m = packet(1000, pz);
            assertTrue(m.isWritable());
            Mbuf c1 = MbufChain.copym(m, 100, 500, NOWAIT);
            Mbuf c2 = MbufChain.copypacket(m, NOWAIT);
            assertSame(m.array(), c1.array(), "shared, not copied");
            assertEquals(m.dataOffset() + 100, c1.dataOffset());
            assertEquals(3, m.extRefCount());
            assertEquals(3, c1.extRefCount());
            assertFalse(m.isWritable());
            assertFalse(c1.isWritable());
            assertEquals(0, m.trailingSpace(), "no trailing space while shared");
            assertEquals(0, c2.leadingSpace());
            long clusterFrees = frees(mbufs.stats().cluster());
            m.freem();                      // the owner goes first: its sharers keep the storage
            assertEquals(2, c1.extRefCount());
            assertEquals(105, c1.getByte(5), "the sharer still reads the owner's bytes");
            assertEquals(clusterFrees, frees(mbufs.stats().cluster()));
            c2.freem();
            assertEquals(1, c1.extRefCount());
            assertTrue(c1.isWritable(), "sole reference again");
            c1.freem();
            MbufStats s = mbufs.stats();
            assertEquals(0, s.mbufsInUse());
            assertEquals(0, s.clustersInUse());
        }
    }

    private static long frees(ZoneStats z) {
        return z.requests() - z.used();
    }

    @Test
    void theOwningPacketIsReusedOnlyAfterTheLastSharerLetsGo() {
        Mbuf m = packet(10, true);
        Mbuf shadow = MbufChain.copym(m, 0, Mbuf.COPYALL, NOWAIT);
        m.freem();
        Mbuf other = mbufs.getcl(NOWAIT, MT_DATA, 0);
        assertNotSame(m, other, "the owner still carries the count for its sharer");
        assertEquals(1, mbufs.stats().packet().used() - 1, "the freed owner is still out of the zone");
        other.freem();
        shadow.freem();
        Mbuf again = mbufs.getcl(NOWAIT, MT_DATA, 0);
        assertEquals(0, again.len());
        assertTrue(again.isWritable());
        again.freem();
    }

    @Test
    void splitInsideAClusterSharesIt() {
        Mbuf m = packet(1500, false);
        Mbuf tail = MbufChain.split(m, 600, NOWAIT);
        assertEquals(600, m.pktLen());
        assertEquals(900, tail.pktLen());
        assertSame(m.array(), tail.array(), "the tail's header mbuf shares the cluster");
        assertEquals(2, m.extRefCount());
        assertFalse(m.isWritable());
        byte[] b = new byte[1];
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MbufData.copyback(m, 0, 1, b, 0, NOWAIT));
        assertTrue(e.getMessage().startsWith("uma4j: write to read-only storage: mbuf item "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(refs 2, expected: writable storage; dup or copy first)"), e.getMessage());
        Mbuf d = MbufChain.dup(m, NOWAIT);
        assertTrue(d.isWritable());
        assertTrue(MbufData.copyback(d, 0, 1, b, 0, NOWAIT));
        d.freem();
        m.freem();
        assertEquals(1, tail.extRefCount());
        tail.freem();
    }

    @Test
    void rdonlyIsNeverWritableAndPropagatesToSharers() {
        Mbuf m = packet(10, false);
        m.addFlags(Mbuf.M_RDONLY);
        assertFalse(m.isWritable());
        Mbuf c = MbufChain.copym(m, 0, 5, NOWAIT);
        m.freem();
        assertEquals(1, c.extRefCount());
        assertFalse(c.isWritable());
        c.freem();
    }

    @Test
    void sharersFreedOnManyThreadsReturnTheClusterExactlyOnce() throws Exception {
        for (int round = 0; round < 200; round++) {
            Mbuf m = packet(100, round % 2 == 0);
            int n = 4;
            Mbuf[] copies = new Mbuf[n];
            for (int i = 0; i < n; i++) {
                copies[i] = MbufChain.copym(m, i, 10, NOWAIT);
            }
            assertEquals(n + 1, m.extRefCount());
            CountDownLatch go = new CountDownLatch(1);
            Thread[] ts = new Thread[n];
            for (int i = 0; i < n; i++) {
                Mbuf c = copies[i];
                ts[i] = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    c.freem();
                });
                ts[i].start();
            }
            go.countDown();
            m.freem();
            for (Thread t : ts) {
                t.join();
            }
        }
        MbufStats s = mbufs.stats();
        assertEquals(0, s.mbufsInUse(), s.render());
        assertEquals(0, s.clustersInUse(), s.render());
    }
}
