package org.uma4j.mbuf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.uma4j.alloc.Zone.NOWAIT;
import static org.uma4j.alloc.Zone.WAITOK;
import static org.uma4j.mbuf.Mbuf.MT_DATA;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.uma4j.alloc.Item;
import org.uma4j.alloc.ZoneRegistry;

/**
 * Random sequences of chain operations, run against a plain byte-array model: after every
 * step each packet's bytes, lengths and packet header match the model, the chain is sane,
 * every shared cluster's count equals the mbufs pointing at it and shared storage is not
 * writable; at the end every mbuf and cluster is back in its zone.
 */
class MbufChainPropertyTest {
    private static final int OPS = 15;

    /** A packet under test and its model. */
    private static final class Pkt {
        Mbuf m;          // the chain
        byte[] bytes;    // what it must hold
        boolean hdr;     // whether its first mbuf has a packet header

        Pkt(Mbuf m, byte[] bytes, boolean hdr) {
            this.m = m;
            this.bytes = bytes;
            this.hdr = hdr;
        }
    }

    @Property(tries = 250)
    void chainOperationsMatchTheByteArrayModel(@ForAll @Size(min = 1, max = 40) List<@LongRange(min = 0) Long> ops,
            @ForAll long seed) {
        Mbufs mbufs = Mbufs.builder().registry(new ZoneRegistry()).build();
        Random rnd = new Random(seed);
        List<Pkt> pkts = new ArrayList<>();
        // No try/finally: a failed step leaves the chains inconsistent, and freeing them would
        // only mask the first error. Each try has its own registry, so nothing leaks across.
        for (long op : ops) {
            step(mbufs, pkts, (int) (op % OPS), rnd);
            check(pkts);
        }
        for (Pkt p : pkts) {
            p.m.freem();
        }
        MbufTesting.assertAllBack(mbufs);
    }

    private static byte[] random(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static int how(Random rnd) {
        return rnd.nextBoolean() ? NOWAIT : WAITOK;
    }

    private static Pkt newPacket(Mbufs mbufs, Random rnd) {
        Mbuf m;
        switch (rnd.nextInt(5)) {
            case 0:
                m = mbufs.gethdr(how(rnd), MT_DATA);
                break;
            case 1:
                m = mbufs.getcl(how(rnd), MT_DATA, Mbuf.M_PKTHDR);
                break;
            case 2:
                m = mbufs.get2(rnd.nextInt(4097), how(rnd), MT_DATA, Mbuf.M_PKTHDR);
                break;
            case 3:
                m = mbufs.getjcl(how(rnd), MT_DATA, Mbuf.M_PKTHDR, rnd.nextBoolean() ? 9216 : 16384);
                break;
            default:
                m = mbufs.getm2(null, 1 + rnd.nextInt(6000), how(rnd), MT_DATA, Mbuf.M_PKTHDR);
                break;
        }
        byte[] b = random(rnd, rnd.nextInt(5000));
        assertTrue(MbufData.append(m, b, 0, b.length, NOWAIT));
        return new Pkt(m, b, true);
    }

    private static void step(Mbufs mbufs, List<Pkt> pkts, int op, Random rnd) {
        if (pkts.isEmpty() || op == 0) {
            pkts.add(newPacket(mbufs, rnd));
            return;
        }
        Pkt p = pkts.get(rnd.nextInt(pkts.size()));
        int len = p.bytes.length;
        switch (op) {
            case 1: { // append
                byte[] b = random(rnd, rnd.nextInt(3000));
                assertTrue(MbufData.append(p.m, b, 0, b.length, how(rnd)));
                p.bytes = concat(p.bytes, b);
                break;
            }
            case 2: { // prepend, then fill the new space
                int n = rnd.nextInt(MbufDescriptor.MHLEN + 1);
                p.m = MbufChain.prepend(p.m, n, how(rnd));
                assertNotNull(p.m);
                byte[] b = random(rnd, n);
                assertTrue(MbufData.copyback(p.m, 0, n, b, 0, NOWAIT));
                p.bytes = concat(b, p.bytes);
                break;
            }
            case 3: { // trim the head
                int n = rnd.nextInt(len + 10);
                MbufChain.adj(p.m, n);
                p.bytes = Arrays.copyOfRange(p.bytes, Math.min(n, len), len);
                break;
            }
            case 4: { // trim the tail
                int n = rnd.nextInt(len + 10);
                MbufChain.adj(p.m, -n);
                p.bytes = Arrays.copyOf(p.bytes, Math.max(0, len - n));
                break;
            }
            case 5: { // split
                int at = rnd.nextInt(len + 1);
                Mbuf tail = MbufChain.split(p.m, at, how(rnd));
                if (!p.hdr && at == len) {
                    // m_split at the end returns what follows the mbuf that ends there: nothing,
                    // or empty mbufs (a trimmed tail leaves mbufs of length 0 in the chain).
                    assertEquals(0, tail == null ? 0 : MbufChain.length(tail), "split at the end returns the empty rest");
                    if (tail == null) {
                        break;
                    }
                }
                assertNotNull(tail);
                pkts.add(new Pkt(tail, Arrays.copyOfRange(p.bytes, at, len), p.hdr));
                p.bytes = Arrays.copyOf(p.bytes, at);
                break;
            }
            case 6: { // catpkt another packet onto this one
                Pkt q = pkts.get(rnd.nextInt(pkts.size()));
                if (q == p || !p.hdr || !q.hdr) {
                    break;
                }
                MbufChain.catpkt(p.m, q.m);
                p.bytes = concat(p.bytes, q.bytes);
                pkts.remove(q);
                break;
            }
            case 7: { // copym: clusters shared
                int off = rnd.nextInt(len + 1);
                int n = rnd.nextInt(len - off + 1);
                boolean all = rnd.nextInt(4) == 0;
                Mbuf c = MbufChain.copym(p.m, off, all ? Mbuf.COPYALL : n, how(rnd));
                int expect = all ? len - off : n;
                if (expect == 0) {
                    assertNull(c);
                    break;
                }
                pkts.add(new Pkt(c, Arrays.copyOfRange(p.bytes, off, off + expect), off == 0 && p.hdr));
                break;
            }
            case 8: { // copypacket
                Mbuf c = MbufChain.copypacket(p.m, how(rnd));
                if (len == 0) {
                    assertNull(c);
                    break;
                }
                assertEquals(p.m.data, c.data, "copypacket keeps the leading space");
                pkts.add(new Pkt(c, p.bytes.clone(), p.hdr));
                break;
            }
            case 9: { // dup: deep and writable
                Mbuf d = MbufChain.dup(p.m, how(rnd));
                for (Mbuf x = d; x != null; x = x.next()) {
                    assertTrue(x.isWritable());
                }
                pkts.add(new Pkt(d, p.bytes.clone(), p.hdr));
                break;
            }
            case 10: { // pullup
                int n = rnd.nextInt(Math.min(len, MbufDescriptor.MHLEN + 1) + 3);
                boolean fails = p.m.len() < n && (n > len || n > MbufDescriptor.MHLEN);
                Mbuf r = MbufChain.pullup(p.m, n, how(rnd));
                if (fails) {
                    assertNull(r, "pullup past the end or past MHLEN frees the chain");
                    pkts.remove(p);
                    break;
                }
                assertNotNull(r);
                assertTrue(r.len() >= n);
                p.m = r;
                break;
            }
            case 11: { // defrag
                if (!p.hdr) {
                    break;
                }
                Mbuf d = MbufData.defrag(p.m, how(rnd));
                assertNotNull(d);
                p.m = d;
                break;
            }
            case 12: { // collapse
                int max = 1 + rnd.nextInt(4);
                Mbuf r = MbufData.collapse(p.m, how(rnd), max);
                if (r != null) {
                    assertSame(p.m, r);
                    assertTrue(frags(r) <= max, "at most " + max + " fragments");
                }
                break;
            }
            case 13: { // copyback, refused on shared storage
                int off = rnd.nextInt(len + 20);
                byte[] b = random(rnd, rnd.nextInt(600));
                boolean shared = overlapsReadOnly(p.m, off, b.length);
                try {
                    assertTrue(MbufData.copyback(p.m, off, b.length, b, 0, how(rnd)));
                    assertFalse(shared, "write to shared storage must be refused");
                } catch (IllegalStateException e) {
                    assertTrue(shared, e.getMessage());
                    break;
                }
                byte[] r = Arrays.copyOf(p.bytes, Math.max(len, off + b.length));
                System.arraycopy(b, 0, r, off, b.length);
                p.bytes = r;
                break;
            }
            default: { // free
                p.m.freem();
                pkts.remove(p);
                break;
            }
        }
    }

    private static boolean overlapsReadOnly(Mbuf m, int off, int n) {
        int pos = 0;
        for (; m != null; m = m.next()) {
            if (m.len() > 0 && pos < off + n && pos + m.len() > off && !m.isWritable()) {
                return true;
            }
            pos += m.len();
        }
        return false;
    }

    private static int frags(Mbuf m) {
        int n = 0;
        for (; m != null; m = m.next()) {
            n++;
        }
        return n;
    }

    private static void check(List<Pkt> pkts) {
        Map<Item, Integer> refs = new IdentityHashMap<>();
        for (Pkt p : pkts) {
            MbufChain.sanity(p.m);
            assertEquals(p.bytes.length, MbufChain.length(p.m));
            assertEquals(p.hdr, p.m.isPkthdr());
            if (p.hdr) {
                assertEquals(p.bytes.length, p.m.pktLen());
            }
            byte[] got = new byte[p.bytes.length];
            MbufData.copydata(p.m, 0, got.length, got, 0);
            assertArrayEquals(p.bytes, got);
            for (Mbuf x = p.m; x != null; x = x.next()) {
                if (x.hasExt()) {
                    refs.merge(x.extRef, 1, Integer::sum);
                }
            }
        }
        for (Pkt p : pkts) {
            for (Mbuf x = p.m; x != null; x = x.next()) {
                if (x.hasExt()) {
                    int n = refs.get(x.extRef);
                    assertEquals(n, x.extRefCount(), "references to the cluster of " + x);
                    if (n > 1 && x.isWritable()) {
                        fail("shared storage reads as writable: " + x);
                    }
                }
            }
        }
    }
}
