package org.uma4j.mbuf;

/**
 * A bounded FIFO queue of packets linked through {@link Mbuf#nextPkt()} (FreeBSD's
 * {@code mbufq}); it refuses a packet when full instead of growing.
 *
 * <pre>{@code
 * MbufQueue q = new MbufQueue(256);
 * if (!q.enqueue(m)) {      // full: FreeBSD's ENOBUFS; the caller still owns m
 *     m.freem();
 * }
 * Mbuf next = q.dequeue();
 * }</pre>
 *
 * <p>Threading: not thread-safe; one owner at a time, like the packets it holds.
 */
public final class MbufQueue {
    private Mbuf head;        // oldest packet; owner only
    private Mbuf tail;        // newest packet; owner only
    private int len;          // packets queued; owner only
    private final int maxlen; // packets allowed, 0 = unbounded

    /**
     * Creates an empty queue.
     *
     * @param maxlen packets allowed, 0 for no bound
     */
    public MbufQueue(int maxlen) {
        if (maxlen < 0) {
            throw new IllegalArgumentException("maxlen: " + maxlen + " (expected: >= 0, 0 for no bound)");
        }
        this.maxlen = maxlen;
    }

    /** Returns the number of packets queued. */
    public int len() {
        return len;
    }

    /** Returns the bound, 0 for none. */
    public int maxlen() {
        return maxlen;
    }

    /** Returns true if no packet is queued. */
    public boolean isEmpty() {
        return len == 0;
    }

    /** Returns true if the queue holds {@link #maxlen()} packets. */
    public boolean isFull() {
        return maxlen != 0 && len >= maxlen;
    }

    /**
     * Adds a packet at the tail.
     *
     * @return false if the queue is full (the packet is not queued and is still the caller's)
     */
    public boolean enqueue(Mbuf m) {
        checkPacket(m);
        if (isFull()) {
            return false;
        }
        if (tail == null) {
            head = m;
        } else {
            tail.nextPkt = m;
        }
        tail = m;
        len++;
        return true;
    }

    /**
     * Puts a packet back at the head, for a sender that could not finish it; bypasses the
     * bound as FreeBSD's {@code mbufq_prepend} does.
     */
    public void prepend(Mbuf m) {
        checkPacket(m);
        m.nextPkt = head;
        head = m;
        if (tail == null) {
            tail = m;
        }
        len++;
    }

    /** Removes and returns the oldest packet, or null. */
    public Mbuf dequeue() {
        Mbuf m = head;
        if (m != null) {
            head = m.nextPkt;
            if (head == null) {
                tail = null;
            }
            m.nextPkt = null;
            len--;
        }
        return m;
    }

    /** Returns the oldest packet without removing it, or null. */
    public Mbuf first() {
        return head;
    }

    /** Removes every packet and returns them linked through {@code nextPkt} (FreeBSD {@code mbufq_flush}). */
    public Mbuf flush() {
        Mbuf m = head;
        head = null;
        tail = null;
        len = 0;
        return m;
    }

    /** Frees every queued packet (FreeBSD {@code mbufq_drain}). */
    public void drain() {
        for (Mbuf m = flush(); m != null;) {
            Mbuf n = m.nextPkt;
            m.nextPkt = null;
            m.freem();
            m = n;
        }
    }

    private static void checkPacket(Mbuf m) {
        if (m == null || m.nextPkt != null) {
            throw new IllegalArgumentException("m: " + m + " (expected: a packet not linked to another)");
        }
    }
}
