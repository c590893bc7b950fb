package org.uma4j.alloc;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A zone's item limit (UMA's {@code uz_max_items} with its sleepers): the count of items out
 * of the keg for the zone, allocated or cached, and a FIFO queue of threads waiting for room.
 *
 * <p>Threading: {@code items} is atomic and changes only on slow paths (a bucket's worth at a
 * time). The queue is guarded by {@code lock}. {@code sleepers} is volatile so the free path
 * can see, with one read, that it must bypass the caches. Invariant, under {@code lock}:
 * {@code sleepers == queue.size() + elsewhere}, where {@code elsewhere} counts the threads
 * another layer counts in with {@link #addSleepers} (waiting elsewhere for memory this zone's
 * cached items hold).
 *
 * <p>Maintainer note: a sleeper increments {@code sleepers} and then reads {@code items};
 * a releaser decrements {@code items} and then reads {@code sleepers}. Both are volatile, so
 * at least one of the two sees the other and no wake-up is lost. Newcomers do not take room
 * while anyone sleeps, which keeps the wake-up order FIFO.
 */
final class Limit {
    private volatile long max;                          // 0 = unlimited
    private final AtomicLong items = new AtomicLong();  // items out of the keg for this zone
    volatile int sleepers;                              // queued + elsewhere; written under lock
    private int elsewhere;                              // counted in by addSleepers; guarded by lock (read racily by stats)
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>(); // guarded by lock
    private final String warning;                       // logged when the limit is hit; null if none
    private final Consumer<Zone<?>> maxAction;          // run when the limit is hit; null if none
    private volatile long lastWarning = System.nanoTime() - TimeUnit.SECONDS.toNanos(301); // racy: rate limit
    private volatile boolean inMaxAction;               // racy: keeps the max action from recursing

    Limit(String warning, Consumer<Zone<?>> maxAction) {
        this.warning = warning;
        this.maxAction = maxAction;
    }

    private static final class Waiter {
        final Thread thread = Thread.currentThread(); // the sleeper
        volatile boolean granted;                     // set under lock by the granter
    }

    /**
     * The limit was hit (UMA's {@code zone_log_warning} and {@code zone_maxaction}): logs the
     * warning at most every 300 s, and runs the max action on this thread unless it is already
     * running (an action that allocates from the zone must not recurse).
     */
    void hit(Zone<?> zone) {
        long now = System.nanoTime();
        if (warning != null && now - lastWarning > TimeUnit.SECONDS.toNanos(300)) {
            lastWarning = now;
            System.getLogger("org.uma4j.alloc").log(System.Logger.Level.WARNING,
                    "uma4j: [zone: " + zone.name() + "] " + warning);
        }
        if (maxAction != null && !inMaxAction) {
            inMaxAction = true;
            try {
                maxAction.accept(zone);
            } finally {
                inMaxAction = false;
            }
        }
    }

    long max() {
        return max;
    }

    long items() {
        return items.get();
    }

    /** Threads waiting in the queue now; racy, for statistics. */
    int queued() {
        return Math.max(0, sleepers - elsewhere);
    }

    /**
     * Counts {@code n} threads in (or out, negative) that wait elsewhere for memory this zone's
     * cached items hold: while {@code sleepers > 0} frees bypass the caches.
     */
    void addSleepers(int n) {
        lock.lock();
        try {
            if (elsewhere + n < 0) {
                throw new IllegalStateException("sleepers: " + (elsewhere + n)
                        + " counted in (expected: >= 0: more counted out than in)");
            }
            elsewhere += n;
            sleepers += n;
        } finally {
            lock.unlock();
        }
    }

    /** Sets the limit (0 = none) and wakes sleepers if it made room. */
    void setMax(long m) {
        max = m;
        lock.lock();
        try {
            grantWhileRoom();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reserves up to {@code n} items without waiting.
     *
     * @return the number reserved, 0 if the zone is at its limit or others are waiting
     */
    int reserve(int n) {
        long m = max;
        if (m == 0) {
            items.addAndGet(n);
            return n;
        }
        if (sleepers > 0) {
            return 0;
        }
        for (;;) {
            long cur = items.get();
            long room = m - cur;
            if (room <= 0) {
                return 0;
            }
            int k = (int) Math.min(room, n);
            if (items.compareAndSet(cur, cur + k)) {
                return k;
            }
        }
    }

    /**
     * Waits FIFO for one item of room, uninterruptibly (as UMA's "zonelimit" sleep); an
     * interrupt that arrives meanwhile is kept in the thread's interrupt status.
     *
     * @param timeoutNanos how long to wait; negative waits for ever
     * @return true if one item was reserved, false on timeout
     */
    boolean acquire(long timeoutNanos) {
        Waiter w = new Waiter();
        lock.lock();
        try {
            queue.add(w);
            sleepers++;
            grantWhileRoom(); // room may have appeared before we were queued
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + timeoutNanos;
        boolean interrupted = false;
        try {
            while (!w.granted) {
                if (timeoutNanos < 0) {
                    LockSupport.park(this);
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return !cancel(w);
                    }
                    LockSupport.parkNanos(this, left);
                }
                interrupted |= Thread.interrupted();
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Gives back {@code n} items and wakes sleepers, oldest first, while there is room. */
    void release(int n) {
        items.addAndGet(-n);
        if (sleepers > 0) {
            lock.lock();
            try {
                grantWhileRoom();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Removes a waiter that gave up; returns false if it was granted meanwhile. */
    private boolean cancel(Waiter w) {
        lock.lock();
        try {
            if (w.granted) {
                return false;
            }
            queue.remove(w);
            sleepers--;
            grantWhileRoom(); // our departure may let the next waiter in
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void grantWhileRoom() {
        assert lock.isHeldByCurrentThread() : "limit lock";
        while (!queue.isEmpty()) {
            long m = max;
            if (m != 0) {
                long cur = items.get();
                if (cur >= m) {
                    return;
                }
                if (!items.compareAndSet(cur, cur + 1)) {
                    continue;
                }
            } else {
                items.incrementAndGet();
            }
            Waiter w = queue.poll();
            sleepers--;
            w.granted = true; // volatile write: the reservation is visible to the woken thread
            LockSupport.unpark(w.thread);
        }
    }
}
