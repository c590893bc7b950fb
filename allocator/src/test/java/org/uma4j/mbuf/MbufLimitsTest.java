package org.uma4j.mbuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uma4j.alloc.Zone.NOWAIT;
import static org.uma4j.alloc.Zone.WAITOK;
import static org.uma4j.mbuf.Mbuf.MT_DATA;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.ZoneRegistry;

/** nmbclusters and friends: defaults, properties, run-time changes, shortage, drain, sleep. */
class MbufLimitsTest {

    @Test
    void defaultsFollowTheMaximumHeap() {
        long maxmbufmem = Runtime.getRuntime().maxMemory() / 2;
        long[] l = Mbufs.builder().limits();
        assertEquals(maxmbufmem / 2048 / 4, l[1]);
        assertEquals(maxmbufmem / 4096 / 4, l[2]);
        assertEquals(maxmbufmem / 9216 / 6, l[3]);
        assertEquals(maxmbufmem / 16384 / 6, l[4]);
        assertTrue(l[0] >= l[1] + l[2] + l[3] + l[4], "nmbufs covers all clusters");
    }

    @Test
    void systemPropertiesOverrideAndBadOnesAreNamed() {
        System.setProperty("uma4j.nmbclusters", "123");
        System.setProperty("uma4j.nmbjumbo16", "0");
        try {
            Mbufs m = Mbufs.builder().registry(new ZoneRegistry()).build();
            assertEquals(123, m.nmbclusters());
            assertEquals(0, m.nmbjumbo16());
            System.setProperty("uma4j.nmbclusters", "lots");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Mbufs::builder);
            assertEquals("uma4j.nmbclusters: \"lots\" (expected: an integer >= 0, 0 for no limit)", e.getMessage());
            System.setProperty("uma4j.nmbclusters", "-5");
            e = assertThrows(IllegalArgumentException.class, Mbufs::builder);
            assertEquals("uma4j.nmbclusters: -5 (expected: >= 0, 0 for no limit)", e.getMessage());
        } finally {
            System.clearProperty("uma4j.nmbclusters");
            System.clearProperty("uma4j.nmbjumbo16");
        }
    }

    @Test
    void limitsChangeAtRunTime() {
        Mbufs m = Mbufs.builder().registry(new ZoneRegistry()).nmbclusters(10).nmbufs(20).build();
        m.setNmbclusters(1000);
        m.setNmbufs(0);
        m.setNmbjumbop(7);
        m.setNmbjumbo9(8);
        m.setNmbjumbo16(9);
        assertEquals(1000, m.nmbclusters());
        assertEquals(0, m.nmbufs());
        assertEquals(7, m.nmbjumbop());
        assertEquals(8, m.nmbjumbo9());
        assertEquals(9, m.nmbjumbo16());
        assertTrue(m.netstat().contains("/1000 mbuf clusters in use (current/cache/total/max)"), m.netstat());
    }

    @Test
    void nowaitFailsAtTheClusterLimitAndCountsDenied() {
        Mbufs mbufs = Mbufs.builder().registry(new ZoneRegistry()).nmbclusters(32).build();
        List<Mbuf> held = new ArrayList<>();
        Mbuf m;
        while ((m = mbufs.getcl(NOWAIT, MT_DATA, 0)) != null) {
            held.add(m);
            assertTrue(held.size() <= 32, "limit respected");
        }
        assertEquals(32, held.size());
        MbufStats s = mbufs.stats();
        assertTrue(s.packetsDenied() >= 1, s.render());
        assertTrue(s.render().contains("requests for mbufs denied"), s.render());
        Mbuf plain = mbufs.get(NOWAIT, MT_DATA);
        assertFalse(mbufs.clget(plain, NOWAIT));
        assertNull(mbufs.getjcl(NOWAIT, MT_DATA, 0, 2048));
        plain.free();
        held.forEach(Mbuf::freem);
        MbufTesting.assertAllBack(mbufs);
    }

    @Test
    void clusterShortageDrainsThePacketZoneBeforeFailing() {
        Mbufs mbufs = Mbufs.builder().registry(new ZoneRegistry()).nmbclusters(32).build();
        List<Mbuf> held = new ArrayList<>();
        Mbuf p;
        while ((p = mbufs.getcl(NOWAIT, MT_DATA, 0)) != null) {
            held.add(p);
        }
        held.forEach(Mbuf::freem);  // every cluster now parked in cached packets
        held.clear();
        MbufStats parked = mbufs.stats();
        assertEquals(32, parked.packet().free(), parked.render());
        assertEquals(32, parked.cluster().used(), "clusters are parked in cached packets");
        assertEquals(0, parked.clustersInUse());
        long drains = parked.drains();
        for (int i = 0; i < 32; i++) {
            Mbuf m = mbufs.get(NOWAIT, MT_DATA);
            assertTrue(mbufs.clget(m, NOWAIT), "cluster " + i + " recovered from the packet zone");
            held.add(m);
        }
        MbufStats s = mbufs.stats();
        assertTrue(s.drains() > drains, s.render());
        assertEquals(32, s.clustersInUse(), s.render());
        held.forEach(Mbuf::freem);
        MbufTesting.assertAllBack(mbufs);
    }

    @Test
    void waitokSleepsAtTheLimitUntilAPacketIsFreedOnAnotherThread() throws Exception {
        Mbufs mbufs = Mbufs.builder().registry(new ZoneRegistry()).nmbclusters(16).build();
        List<Mbuf> held = new ArrayList<>();
        Thread holder = new Thread(() -> {
            Mbuf m;
            while ((m = mbufs.getcl(NOWAIT, MT_DATA, 0)) != null) {
                held.add(m);
            }
        });
        holder.start();
        holder.join();
        AtomicReference<Mbuf> got = new AtomicReference<>();
        Thread waiter = new Thread(() -> got.set(mbufs.getcl(WAITOK, MT_DATA, Mbuf.M_PKTHDR)));
        waiter.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (mbufs.stats().cluster().sleepers() + mbufs.stats().packet().sleepers() == 0) {
            assertTrue(System.nanoTime() < deadline, "waiter never slept");
            Thread.sleep(1);
        }
        Thread freer = new Thread(() -> held.remove(0).freem());
        freer.start();
        freer.join();
        waiter.join(10_000);
        assertFalse(waiter.isAlive(), "WAITOK woken by the free");
        Mbuf m = got.get();
        assertNotNull(m);
        assertTrue(m.hasExt());
        assertTrue(m.isPkthdr());
        assertTrue(mbufs.stats().cluster().sleeps() + mbufs.stats().packet().sleeps() >= 1);
        assertTrue(mbufs.netstat().contains("requests for mbufs delayed"));
        m.freem();
        Thread cleaner = new Thread(() -> held.forEach(Mbuf::freem));
        cleaner.start();
        cleaner.join();
        mbufs.drain();
        MbufStats s = mbufs.stats();
        assertEquals(0, s.mbufsInUse(), s.render());
        assertEquals(0, s.clustersInUse(), s.render());
    }

    @Test
    void waitokRecoversClustersParkedByAThreadThatEndsWhileItSleeps() throws Exception {
        Mbufs mbufs = Mbufs.builder().registry(new ZoneRegistry()).nmbclusters(16).build();
        CountDownLatch parked = new CountDownLatch(1);
        CountDownLatch exit = new CountDownLatch(1);
        Thread parker = new Thread(() -> {
            List<Mbuf> held = new ArrayList<>();
            Mbuf m;
            while ((m = mbufs.getcl(NOWAIT, MT_DATA, 0)) != null) {
                held.add(m);
            }
            held.forEach(Mbuf::freem); // every cluster parked in this thread's packet cache
            parked.countDown();
            try {
                exit.await();              // idle but alive: nobody can flush its cache
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        parker.start();
        parked.await();
        AtomicReference<Mbuf> got = new AtomicReference<>();
        Thread waiter = new Thread(() -> got.set(mbufs.getcl(WAITOK, MT_DATA, 0)));
        waiter.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (mbufs.stats().cluster().sleepers() == 0) {
            assertTrue(System.nanoTime() < deadline, "waiter never slept");
            Thread.sleep(1);
        }
        exit.countDown();
        parker.join();
        waiter.join(10_000);
        assertFalse(waiter.isAlive(), "the next slice adopted the ended thread's cache");
        got.get().freem();
        MbufTesting.assertAllBack(mbufs);
    }
}
