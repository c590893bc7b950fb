package org.uma4j.mbuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uma4j.alloc.Zone.NOWAIT;
import static org.uma4j.alloc.Zone.WAITOK;
import static org.uma4j.mbuf.Mbuf.MT_DATA;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.ZoneRegistry;

/**
 * Producers build packets and share their clusters with consumers on other threads, under a
 * small cluster limit (NOWAIT denials, WAITOK sleeps); every packet carries a checksum of its
 * bytes. Afterwards: no mbuf was handed out twice while live, every checksum held, and every
 * mbuf and cluster is back in its zone.
 */
@Tag("stress")
class MbufsStressTest {
    private static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);

    @Test
    void sharedClustersAcrossThreadsAreCountedAndFreedOnce() throws Exception {
        long seed = System.nanoTime();
        Mbufs mbufs = Mbufs.builder().registry(new ZoneRegistry()).nmbclusters(48).build();
        BlockingQueue<Mbuf> handoff = new ArrayBlockingQueue<>(64);
        Map<Mbuf, Boolean> live = new ConcurrentHashMap<>();
        Map<Mbuf, Integer> sums = new ConcurrentHashMap<>(); // checksum of each copy in flight
        AtomicReference<Throwable> error = new AtomicReference<>();
        long end = System.nanoTime() + RUN_NANOS;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Random rnd = new Random(seed + t);
            threads.add(new Thread(() -> guard(error, () -> produce(mbufs, handoff, live, sums, rnd, end))));
            threads.add(new Thread(() -> guard(error, () -> consume(handoff, sums, end))));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(20));
            assertTrue(!t.isAlive(), "stress thread stuck (seed " + seed + ")");
        }
        for (Mbuf m; (m = handoff.poll()) != null;) {
            m.freem();
        }
        assertNull(error.get(), () -> "seed " + seed + ": " + error.get());
        mbufs.drain();
        MbufStats s = mbufs.stats();
        assertEquals(0, s.mbufsInUse(), "seed " + seed + "\n" + s.render());
        assertEquals(0, s.clustersInUse(), "seed " + seed + "\n" + s.render());
        mbufs.mbufZone().keg().verify();
        mbufs.clusterZone(2048).keg().verify();
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void guard(AtomicReference<Throwable> error, Body b) {
        try {
            b.run();
        } catch (Throwable e) {
            error.compareAndSet(null, e);
        }
    }

    private static void produce(Mbufs mbufs, BlockingQueue<Mbuf> out, Map<Mbuf, Boolean> live, Map<Mbuf, Integer> sums,
            Random rnd, long end) throws InterruptedException {
        byte[] buf = new byte[3000];
        while (System.nanoTime() < end) {
            // NOWAIT only: a WAITOK sleeper cannot recover pairs parked in the caches of idle
            // consumer threads (the core flushes a live thread's cache only at its next slow path).
            Mbuf m = mbufs.getcl(NOWAIT, MT_DATA, Mbuf.M_PKTHDR);
            if (m == null) {
                Thread.yield(); // denied at the limit
                continue;
            }
            assertNull(live.putIfAbsent(m, Boolean.TRUE), "handed out twice while live: " + m);
            int n = 1 + rnd.nextInt(buf.length);
            rnd.nextBytes(buf);
            int sum = 0;
            for (int i = 0; i < n; i++) {
                sum += buf[i];
            }
            MbufData.append(m, buf, 0, n, WAITOK);
            Mbuf copy = MbufChain.copypacket(m, WAITOK);
            copy.setNextPkt(null);
            sums.put(copy, sum);
            live.remove(m);
            m.freem(); // the owner goes first: the consumer's copy keeps the storage
            if (!out.offer(copy, 50, TimeUnit.MILLISECONDS)) {
                copy.freem();
            }
        }
    }

    private static void consume(BlockingQueue<Mbuf> in, Map<Mbuf, Integer> sums, long end) throws InterruptedException {
        byte[] buf = new byte[3000];
        while (System.nanoTime() < end || !in.isEmpty()) {
            Mbuf c = in.poll(10, TimeUnit.MILLISECONDS);
            if (c == null) {
                continue;
            }
            int n = MbufChain.length(c);
            MbufData.copydata(c, 0, n, buf, 0);
            int sum = 0;
            for (int i = 0; i < n; i++) {
                sum += buf[i];
            }
            assertEquals(sums.remove(c), sum, "bytes of a shared cluster changed under its reader");
            assertTrue(c.extRefCount() >= 1);
            c.freem();
        }
    }
}
