package org.uma4j.mbuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uma4j.alloc.Zone.NOWAIT;
import static org.uma4j.mbuf.Mbuf.MT_DATA;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Item;
import org.uma4j.alloc.ItemObserver;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneRegistry;

/**
 * The packet zone's fast path: a pair freed and taken again comes back with the header getcl
 * promises (FreeBSD's m_init), its own cluster still attached, and the free reports its site.
 */
class PacketReuseTest {
    private final List<Integer> packetFreeSites = new ArrayList<>(); // sites the packet zone's frees reported
    private final Mbufs mbufs = Mbufs.builder().registry(observed()).build();

    private ZoneRegistry observed() {
        ZoneRegistry r = new ZoneRegistry();
        r.addConfigurer(b -> {
            if (b.name().equals("packet")) {
                b.itemObserver(new ItemObserver() {
                    @Override
                    public void onAlloc(Zone<?> zone, Item item, int site) {
                    }

                    @Override
                    public void onFree(Zone<?> zone, Item item, int site) {
                        packetFreeSites.add(site);
                    }
                });
            }
        });
        return r;
    }

    @AfterEach
    void allMemoryBack() {
        MbufTesting.assertAllBack(mbufs);
    }

    @Test
    void aReusedPairGetsAFreshHeaderOverTheSameCluster() {
        Mbuf m = mbufs.getcl(NOWAIT, MT_DATA, Mbuf.M_PKTHDR);
        byte[] cluster = m.array();
        int start = m.dataOffset();
        Mbuf linked = mbufs.get(NOWAIT, MT_DATA);
        Mbuf queued = mbufs.gethdr(NOWAIT, MT_DATA);
        m.align(100); // moves the data window off the start of the cluster
        m.setLen(50);
        m.setPktLen(50);
        m.addFlags(Mbuf.M_BCAST | Mbuf.M_RDONLY);
        m.setNext(linked);
        m.setNextPkt(queued);
        assertSame(linked, m.free(), "free returns the next mbuf; the freed one keeps its links");

        Mbuf again = mbufs.getcl(NOWAIT, Mbuf.MT_CONTROL, Mbuf.M_EOR);
        assertSame(m, again, "the thread cache is LIFO");
        assertNull(again.next());
        assertNull(again.nextPkt());
        assertEquals(0, again.len());
        assertEquals(Mbuf.M_EXT | Mbuf.M_EOR, again.flags());
        assertEquals(Mbuf.MT_CONTROL, again.type());
        assertSame(cluster, again.array(), "the cluster stays attached across the cache");
        assertEquals(start, again.dataOffset());
        assertEquals(MbufDescriptor.MCLBYTES, again.storageSize());
        assertEquals(Mbuf.EXT_PACKET, again.extType());
        assertEquals(1, again.extRefCount());
        assertTrue(again.isWritable());
        again.free();

        Mbuf hdr = mbufs.getcl(NOWAIT, MT_DATA, Mbuf.M_PKTHDR);
        assertSame(m, hdr);
        assertEquals(0, hdr.pktLen());
        hdr.freem();
        linked.free();
        queued.free();
    }

    @Test
    void anOwnerFreedWhileSharedComesBackUnmarked() {
        Mbuf m = mbufs.getcl(NOWAIT, MT_DATA, Mbuf.M_PKTHDR);
        assertTrue(MbufData.append(m, new byte[10], 0, 10, NOWAIT));
        Mbuf shadow = MbufChain.copypacket(m, NOWAIT);
        m.freem();
        shadow.freem(); // the last reference: the owner goes home with its cluster
        Mbuf again = mbufs.getcl(NOWAIT, MT_DATA, 0);
        assertSame(m, again);
        assertEquals(Mbuf.M_EXT, again.flags(), "no mark of the shared free is left");
        MbufChain.sanity(again);
        again.freem();
    }

    @Test
    void eachPairGoesHomeToItsOwnPacketZoneWhateverTheThreadFreedLast() {
        // A sole owner's free takes the zone of the thread's last free when it is the mbuf's
        // (Item.freeSole); a wrong guess would push the pair onto another zone's bucket, and
        // that zone's next alloc (LIFO) would hand it out. Two families, so two packet zones
        // of the same item type, and plain mbufs between them.
        Mbufs other = Mbufs.builder().registry(new ZoneRegistry()).build();
        Random rnd = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Mbufs f = rnd.nextBoolean() ? mbufs : other;
            boolean pair = rnd.nextInt(3) != 0;
            Mbuf m = pair ? f.getcl(NOWAIT, MT_DATA, Mbuf.M_PKTHDR) : f.get(NOWAIT, MT_DATA);
            m.freem();
            Mbuf again = pair ? f.getcl(NOWAIT, MT_DATA, 0) : f.get(NOWAIT, MT_DATA);
            assertSame(m, again, "round " + i + ": the " + (pair ? "packet" : "mbuf") + " zone of the "
                    + (f == mbufs ? "first" : "second") + " family hands back the mbuf just freed to it");
            again.freem();
        }
        MbufTesting.assertAllBack(other);
    }

    @Test
    void theFreeOfASoleOwnerReportsItsSite() {
        Mbuf m = mbufs.getcl(NOWAIT, MT_DATA, Mbuf.M_PKTHDR, 7);
        m.freem(7);
        assertEquals(List.of(7), packetFreeSites);
    }
}
