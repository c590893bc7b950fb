package org.uma4j.mbuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uma4j.alloc.Zone.NOWAIT;
import static org.uma4j.mbuf.Mbuf.MT_DATA;

import org.junit.jupiter.api.Test;
import org.uma4j.alloc.ZoneRegistry;

class MbufQueueTest {
    private final Mbufs mbufs = Mbufs.builder().registry(new ZoneRegistry()).build();

    @Test
    void boundedFifoRefusesWhenFull() {
        MbufQueue q = new MbufQueue(2);
        Mbuf a = mbufs.gethdr(NOWAIT, MT_DATA);
        Mbuf b = mbufs.getcl(NOWAIT, MT_DATA, Mbuf.M_PKTHDR);
        Mbuf c = mbufs.gethdr(NOWAIT, MT_DATA);
        assertTrue(q.enqueue(a));
        assertTrue(q.enqueue(b));
        assertTrue(q.isFull());
        assertFalse(q.enqueue(c), "full: ENOBUFS");
        assertEquals(2, q.len());
        assertSame(a, q.dequeue());
        assertNull(a.nextPkt());
        q.prepend(a);
        assertSame(a, q.first());
        assertSame(a, q.dequeue());
        assertSame(b, q.dequeue());
        assertNull(q.dequeue());
        assertTrue(q.isEmpty());
        q.enqueue(a);
        q.enqueue(b);
        q.drain();
        c.free();
        MbufTesting.assertAllBack(mbufs);
    }

    @Test
    void flushHandsBackThePacketsLinkedByNextPkt() {
        MbufQueue q = new MbufQueue(0);
        Mbuf a = mbufs.gethdr(NOWAIT, MT_DATA);
        Mbuf b = mbufs.gethdr(NOWAIT, MT_DATA);
        q.enqueue(a);
        q.enqueue(b);
        Mbuf head = q.flush();
        assertSame(a, head);
        assertSame(b, head.nextPkt());
        assertEquals(0, q.len());
        a.setNextPkt(null);
        a.free();
        b.free();
    }

    @Test
    void badInputIsNamed() {
        assertEquals("maxlen: -1 (expected: >= 0, 0 for no bound)",
                assertThrows(IllegalArgumentException.class, () -> new MbufQueue(-1)).getMessage());
        MbufQueue q = new MbufQueue(1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> q.enqueue(null)).getMessage()
                .startsWith("m: null (expected: a packet not linked to another)"));
    }
}
