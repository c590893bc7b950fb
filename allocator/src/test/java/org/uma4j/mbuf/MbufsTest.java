package org.uma4j.mbuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uma4j.alloc.Zone.NOWAIT;
import static org.uma4j.alloc.Zone.WAITOK;
import static org.uma4j.mbuf.Mbuf.MT_DATA;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.ZoneRegistry;

class MbufsTest {
    private final Mbufs mbufs = Mbufs.builder().registry(new ZoneRegistry()).build();

    @AfterEach
    void allMemoryBack() {
        MbufTesting.assertAllBack(mbufs);
    }

    @Test
    void familyHasTheSixZonesAndPacketIsSecondaryOnTheMbufKeg() {
        assertEquals("mbuf", mbufs.mbufZone().name());
        assertEquals("packet", mbufs.packetZone().name());
        assertSame(mbufs.mbufZone().keg(), mbufs.packetZone().keg());
        assertFalse(mbufs.packetZone().isPrimary());
        assertEquals(2048, mbufs.clusterZone(2048).itemSize());
        assertEquals(4096, mbufs.clusterZone(4096).itemSize());
        assertEquals(9216, mbufs.clusterZone(9216).itemSize());
        assertEquals(16384, mbufs.clusterZone(16384).itemSize());
        assertEquals(256, mbufs.mbufZone().itemSize());
    }

    @Test
    void getAndGethdrUseInternalStorage() {
        Mbuf m = mbufs.get(NOWAIT, MT_DATA);
        assertFalse(m.hasExt());
        assertFalse(m.isPkthdr());
        assertEquals(MbufDescriptor.MLEN, m.storageSize());
        assertEquals(0, m.len());
        assertTrue(m.isWritable());
        Mbuf h = mbufs.gethdr(WAITOK, MT_DATA);
        assertTrue(h.isPkthdr());
        assertEquals(0, h.pktLen());
        assertNull(m.free());
        h.freem();
    }

    @Test
    void getclIsOnePopFromThePacketZoneWithTheClusterAttached() {
        Mbuf m = mbufs.getcl(NOWAIT, MT_DATA, Mbuf.M_PKTHDR);
        assertSame(mbufs.packetZone(), m.zone());
        assertEquals(Mbuf.EXT_PACKET, m.extType());
        assertEquals(2048, m.storageSize());
        assertTrue(m.isPkthdr());
        assertEquals(1, m.extRefCount());
        assertEquals(1, mbufs.stats().packet().used());
        m.freem();
        MbufStats s = mbufs.stats();
        assertEquals(0, s.packet().used());
        assertTrue(s.packet().free() >= 1, "a bucket's worth of pairs was imported");
        // Their clusters are still allocated from the cluster zone, parked in the cached packets.
        assertEquals(s.packet().free(), s.cluster().used());
        assertEquals(0, s.clustersInUse());
        assertEquals(s.packet().free(), s.clustersCached() - s.cluster().free());
        Mbuf again = mbufs.getcl(NOWAIT, MT_DATA, 0);
        assertSame(m, again, "LIFO reuse of the cached pair");
        again.freem();
    }

    @Test
    void clgetAndCljgetAttachEachClusterSize() {
        Mbuf m = mbufs.get(NOWAIT, MT_DATA);
        assertTrue(mbufs.clget(m, NOWAIT));
        assertEquals(Mbuf.EXT_CLUSTER, m.extType());
        assertThrows(IllegalArgumentException.class, () -> mbufs.clget(m, NOWAIT));
        m.free();
        int[] sizes = {4096, 9216, 16384};
        int[] types = {Mbuf.EXT_JUMBOP, Mbuf.EXT_JUMBO9, Mbuf.EXT_JUMBO16};
        for (int i = 0; i < sizes.length; i++) {
            Mbuf j = mbufs.getjcl(WAITOK, MT_DATA, Mbuf.M_PKTHDR, sizes[i]);
            assertEquals(types[i], j.extType());
            assertEquals(sizes[i], j.storageSize());
            j.freem();
        }
        Buf bare = mbufs.cljget(null, NOWAIT, 9216);
        assertEquals(9216, bare.size());
        bare.release();
    }

    @Test
    void get2PicksTheSmallestFit() {
        Mbuf a = mbufs.get2(100, NOWAIT, MT_DATA, 0);
        Mbuf b = mbufs.get2(1000, NOWAIT, MT_DATA, Mbuf.M_PKTHDR);
        Mbuf c = mbufs.get2(3000, NOWAIT, MT_DATA, 0);
        assertFalse(a.hasExt());
        assertEquals(Mbuf.EXT_PACKET, b.extType());
        assertEquals(Mbuf.EXT_JUMBOP, c.extType());
        a.free();
        b.free();
        c.free();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mbufs.get2(5000, NOWAIT, MT_DATA, 0));
        assertEquals("size: 5000 (expected: 0..4096; use getjcl for 9k and 16k clusters)", e.getMessage());
    }

    @Test
    void getm2BuildsAChainOfEmptyMbufsForLen() {
        Mbuf m = mbufs.getm2(null, 4096 + 2048 + 100, NOWAIT, MT_DATA, Mbuf.M_PKTHDR | Mbuf.M_EOR);
        assertEquals(Mbuf.EXT_JUMBOP, m.extType());
        assertTrue(m.isPkthdr());
        assertEquals(Mbuf.EXT_PACKET, m.next().extType());
        assertFalse(m.next().next().hasExt());
        assertTrue((m.next().next().flags() & Mbuf.M_EOR) != 0);
        assertNull(m.next().next().next());
        assertEquals(0, MbufChain.length(m));
        Mbuf same = mbufs.getm2(m, 10, NOWAIT, MT_DATA, Mbuf.M_PKTHDR);
        assertSame(m, same);
        assertEquals(0, (m.next().next().flags() & Mbuf.M_EOR));
        assertFalse(m.next().next().next().isPkthdr());
        m.freem();
    }

    @Test
    void freeReturnsNextAndFreemStopsAtNextPkt() {
        Mbuf a = mbufs.gethdr(NOWAIT, MT_DATA);
        Mbuf b = mbufs.get(NOWAIT, MT_DATA);
        Mbuf p2 = mbufs.gethdr(NOWAIT, MT_DATA);
        a.setNext(b);
        a.setNextPkt(p2);
        a.freem();
        assertEquals(1, mbufs.stats().mbufsInUse());
        p2.free();
    }

    @Test
    void duplicateFreeIsRefused() {
        Mbuf m = mbufs.get(NOWAIT, MT_DATA);
        m.free();
        IllegalStateException e = assertThrows(IllegalStateException.class, m::free);
        assertTrue(e.getMessage().startsWith("uma4j: duplicate free of mbuf item "), e.getMessage());
        Mbuf p = mbufs.getcl(NOWAIT, MT_DATA, 0);
        Mbuf shadow = MbufChain.copym(p, 0, Mbuf.COPYALL, NOWAIT);
        p.setLen(0);
        p.free();
        assertThrows(IllegalStateException.class, p::free, "owner kept alive for the sharer is still freed");
        if (shadow != null) {
            shadow.freem();
        }
    }

    @Test
    void badArgumentsNameTheValue() {
        assertEquals("how: 3 (expected: Zone.NOWAIT (1) or Zone.WAITOK (2))",
                assertThrows(IllegalArgumentException.class, () -> mbufs.get(3, MT_DATA)).getMessage());
        assertEquals("type: 0 (expected: 1..255, an MT_* type)",
                assertThrows(IllegalArgumentException.class, () -> mbufs.get(NOWAIT, 0)).getMessage());
        assertEquals("flags: 0x1 (expected: 0, M_PKTHDR, M_EOR or both)",
                assertThrows(IllegalArgumentException.class, () -> mbufs.getcl(NOWAIT, MT_DATA, Mbuf.M_EXT)).getMessage());
        assertEquals("size: 3000 (expected: 2048, 4096, 9216 or 16384)",
                assertThrows(IllegalArgumentException.class, () -> mbufs.getjcl(NOWAIT, MT_DATA, 0, 3000)).getMessage());
        assertEquals("nmbclusters: -1 (expected: >= 0, 0 for no limit)",
                assertThrows(IllegalArgumentException.class, () -> mbufs.setNmbclusters(-1)).getMessage());
        assertEquals("len: -1 (expected: >= 0)",
                assertThrows(IllegalArgumentException.class, () -> mbufs.getm2(null, -1, NOWAIT, MT_DATA, 0)).getMessage());
        Mbuf m = mbufs.get(NOWAIT, MT_DATA);
        assertEquals("len: 257 (expected: 0..256, the storage after the data offset)",
                assertThrows(IllegalArgumentException.class, () -> m.setLen(257)).getMessage());
        assertEquals("flags: 0x2 (expected: a combination of M_EOR, M_RDONLY, M_BCAST, M_MCAST)",
                assertThrows(IllegalArgumentException.class, () -> m.addFlags(Mbuf.M_PKTHDR)).getMessage());
        assertEquals("plen: 300 (expected: 0..256)",
                assertThrows(IllegalArgumentException.class, () -> MbufChain.prepend(m, 300, NOWAIT)).getMessage());
        m.free();
    }
}
