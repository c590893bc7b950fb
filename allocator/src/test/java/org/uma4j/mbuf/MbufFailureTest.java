package org.uma4j.mbuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uma4j.alloc.Zone.NOWAIT;
import static org.uma4j.mbuf.Mbuf.MT_DATA;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.ZoneRegistry;

/** FreeBSD's failure behaviour when NOWAIT finds no mbuf, and the checks on bad chains. */
class MbufFailureTest {
    private final Mbufs mbufs = Mbufs.builder().registry(new ZoneRegistry()).nmbufs(0).build();
    private final List<Mbuf> hog = new ArrayList<>();

    @AfterEach
    void allMemoryBack() {
        release();
        mbufs.setNmbufs(0);
        MbufTesting.assertAllBack(mbufs);
    }

    /** Builds a packet of {@code n} bytes in a cluster, with a plain mbuf of 10 bytes after it. */
    private Mbuf packet(int n) {
        Mbuf m = mbufs.gethdr(NOWAIT, MT_DATA);
        assertTrue(mbufs.clget(m, NOWAIT));
        byte[] b = new byte[n + 10];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        MbufData.append(m, b, 0, n, NOWAIT);
        Mbuf t = mbufs.get(NOWAIT, MT_DATA);
        m.setNext(t);
        MbufData.append(m, b, n, 10, NOWAIT);
        return m;
    }

    /** Takes every mbuf the limit still allows. */
    private void exhaust() {
        mbufs.setNmbufs(mbufs.stats().mbuf().used() + 1);
        Mbuf m;
        while ((m = mbufs.get(NOWAIT, MT_DATA)) != null) {
            hog.add(m);
        }
    }

    private void release() {
        hog.forEach(Mbuf::free);
        hog.clear();
    }

    @Test
    void prependWithoutLeadingSpaceFreesTheChainOnFailure() {
        Mbuf m = packet(100);
        Mbuf shared = MbufChain.copym(m, 0, 50, NOWAIT); // m's cluster is now read-only: no leading space
        exhaust();
        long inUse = mbufs.stats().mbufsInUse();
        assertNull(MbufChain.prepend(m, 8, NOWAIT));
        assertEquals(inUse - 2, mbufs.stats().mbufsInUse(), "both mbufs of the chain were freed");
        release();
        shared.freem();
    }

    @Test
    void prependUsesLeadingSpaceWhenWritable() {
        Mbuf m = mbufs.gethdr(NOWAIT, MT_DATA);
        m.align(50);
        m.setLen(50);
        m.setPktLen(50);
        assertSame(m, MbufChain.prepend(m, 20, NOWAIT));
        assertEquals(70, m.len());
        assertEquals(70, m.pktLen());
        Mbuf n = MbufChain.prepend(m, 250, NOWAIT);
        assertTrue(n != m && n.isPkthdr() && !m.isPkthdr());
        assertEquals(320, n.pktLen());
        n.freem();
    }

    @Test
    void pullupFreesTheChainOnFailure() {
        Mbuf m = packet(100);
        assertSame(m, MbufChain.pullup(m, 100, NOWAIT), "already contiguous");
        exhaust();
        long inUse = mbufs.stats().mbufsInUse();
        assertNull(MbufChain.pullup(m, 105, NOWAIT), "needs a new mbuf: none to be had");
        assertEquals(inUse - 2, mbufs.stats().mbufsInUse());
        release();
        Mbuf short1 = packet(5);
        assertNull(MbufChain.pullup(short1, 100, NOWAIT), "chain shorter than len");
    }

    @Test
    void copymAndDupFailWithoutTouchingTheOriginal() {
        Mbuf m = packet(100);
        exhaust();
        assertNull(MbufChain.copym(m, 0, Mbuf.COPYALL, NOWAIT));
        assertNull(MbufChain.dup(m, NOWAIT));
        assertEquals(1, m.extRefCount(), "no reference left behind by the failed copy");
        release();
        MbufChain.sanity(m);
        m.freem();
    }

    @Test
    void defragFailureLeavesTheChainWithTheCaller() {
        Mbuf m = packet(100);
        exhaust();
        assertNull(MbufData.defrag(m, NOWAIT));
        release();
        MbufChain.sanity(m);
        assertEquals(110, m.pktLen());
        Mbuf d = MbufData.defrag(m, NOWAIT);
        assertNull(d.next(), "one mbuf holds 110 bytes");
        assertEquals(110, d.len());
        d.freem();
    }

    @Test
    void splitFailureLeavesTheChainUnchanged() {
        Mbuf m = packet(100);
        exhaust();
        assertNull(MbufChain.split(m, 50, NOWAIT));
        assertEquals(110, m.pktLen());
        release();
        MbufChain.sanity(m);
        m.freem();
    }

    @Test
    void appendAndCopybackReportPartialWrites() {
        Mbuf m = mbufs.gethdr(NOWAIT, MT_DATA);
        exhaust();
        byte[] b = new byte[1000];
        assertFalse(MbufData.append(m, b, 0, b.length, NOWAIT));
        assertEquals(256, m.pktLen(), "the bytes that fit stay");
        assertFalse(MbufData.copyback(m, 300, 10, b, 0, NOWAIT));
        release();
        m.freem();
    }

    @Test
    void sanityNamesTheBrokenInvariant() {
        Mbuf m = packet(100);
        m.setPktLen(7);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MbufChain.sanity(m));
        assertTrue(e.getMessage().startsWith("uma4j: insane mbuf chain mbuf item "), e.getMessage());
        assertTrue(e.getMessage().endsWith("has pktLen 7 (expected: 110, the sum of the lengths)"), e.getMessage());
        MbufChain.fixhdr(m);
        Mbuf h = mbufs.gethdr(NOWAIT, MT_DATA);
        m.next().setNext(h);
        e = assertThrows(IllegalStateException.class, () -> MbufChain.sanity(m));
        assertTrue(e.getMessage().contains("has M_PKTHDR (expected: only on the first mbuf)"), e.getMessage());
        m.next().setNext(null);
        h.free();
        Mbuf freed = mbufs.get(NOWAIT, MT_DATA);
        freed.free();
        m.next().setNext(freed);
        e = assertThrows(IllegalStateException.class, () -> MbufChain.sanity(m));
        assertTrue(e.getMessage().contains("has freed mbuf in chain (expected: allocated)"), e.getMessage());
        m.next().setNext(null);
        MbufChain.sanity(m);
        m.freem();
    }

    @Test
    void copymRangeChecksNameTheValue() {
        Mbuf m = packet(100);
        assertEquals("off: 111 (expected: 0..110, the chain length)",
                assertThrows(IllegalArgumentException.class, () -> MbufChain.copym(m, 111, 1, NOWAIT)).getMessage());
        assertEquals("len: 11 (expected: 0..10 from offset 100, or COPYALL)",
                assertThrows(IllegalArgumentException.class, () -> MbufChain.copym(m, 100, 11, NOWAIT)).getMessage());
        assertEquals("off: 100, len: 20 (expected: a range inside the 110 bytes of the chain)",
                assertThrows(IndexOutOfBoundsException.class,
                        () -> MbufData.copydata(m, 100, 20, new byte[20], 0)).getMessage());
        assertEquals("maxfrags: 0 (expected: >= 1)",
                assertThrows(IllegalArgumentException.class, () -> MbufData.collapse(m, NOWAIT, 0)).getMessage());
        m.freem();
    }

    @Test
    void catCopiesSmallInternalDataAndLinksClusters() {
        Mbuf a = mbufs.gethdr(NOWAIT, MT_DATA);
        MbufData.append(a, new byte[10], 0, 10, NOWAIT);
        Mbuf b = mbufs.gethdr(NOWAIT, MT_DATA);
        MbufData.append(b, new byte[20], 0, 20, NOWAIT);
        MbufChain.catpkt(a, b);
        assertNull(a.next(), "copied into a's trailing space, b freed");
        assertEquals(30, a.len());
        assertEquals(30, a.pktLen());
        Mbuf c = mbufs.getcl(NOWAIT, MT_DATA, Mbuf.M_PKTHDR);
        MbufData.append(c, new byte[5], 0, 5, NOWAIT);
        MbufChain.catpkt(a, c);
        assertSame(c, a.next(), "clusters are linked, not copied");
        assertFalse(c.isPkthdr());
        assertEquals(35, a.pktLen());
        MbufChain.sanity(a);
        a.freem();
    }

    @Test
    void collapseMergesFragments() {
        Mbuf m = mbufs.gethdr(NOWAIT, MT_DATA);
        for (int i = 0; i < 6; i++) {
            Mbuf c = mbufs.getcl(NOWAIT, MT_DATA, 0);
            c.setLen(300);
            Mbuf last = m;
            while (last.next() != null) {
                last = last.next();
            }
            last.setNext(c);
        }
        MbufChain.fixhdr(m);
        Mbuf shared = MbufChain.copym(m, 0, Mbuf.COPYALL, NOWAIT); // makes every cluster read-only
        assertSame(m, MbufData.collapse(m, NOWAIT, 3));
        int frags = 0;
        for (Mbuf x = m; x != null; x = x.next()) {
            frags++;
        }
        assertTrue(frags <= 3, "frags " + frags);
        assertEquals(1800, MbufChain.length(m));
        MbufChain.sanity(m);
        shared.freem();
        m.freem();
    }
}
