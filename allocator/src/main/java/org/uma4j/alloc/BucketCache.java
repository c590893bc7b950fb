package org.uma4j.alloc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A zone's cache of full buckets (UMA's {@code uzd_buckets}), its spare empty buckets, and the
 * budget that bounds how much a zone may cache in all its buckets together.
 *
 * <p>Every bucket object a zone makes is charged its capacity against {@code budget} until it
 * is discarded, wherever it is (a thread cache, this cache), so the items cached by the zone
 * can never exceed the zone's cache bound, however many threads there are. When the budget
 * is spent, a thread that needs an empty bucket gets none and frees straight to the keg, as
 * UMA does when {@code bucket_alloc} fails.
 *
 * <p>Threading: all state is guarded by {@code lock} (the zone lock).
 */
final class BucketCache {
    final ReentrantLock lock = new ReentrantLock();       // the zone lock
    private final ArrayDeque<Bucket> full = new ArrayDeque<>();  // non-empty buckets; guarded by lock
    private final ArrayDeque<Bucket> empty = new ArrayDeque<>(); // spare empty buckets; guarded by lock
    private long budget;           // capacity still allowed for new buckets; guarded by lock
    private long maxItems;         // total bucket capacity allowed; guarded by lock
    private int minFull;           // fewest full buckets since the last trim (working set); guarded by lock

    BucketCache(long maxItems) {
        this.maxItems = maxItems;
        this.budget = maxItems;
    }

    /** Takes the lock; returns true if it was contended (the zone then grows its buckets). */
    boolean lock() {
        if (lock.tryLock()) {
            return false;
        }
        lock.lock();
        return true;
    }

    /** Returns a non-empty bucket, or null. Caller holds the lock. */
    Bucket takeFull() {
        assert lock.isHeldByCurrentThread() : "zone lock";
        Bucket b = full.pollFirst();
        if (b != null) {
            minFull = Math.min(minFull, full.size());
        }
        return b;
    }

    /** Adds a non-empty bucket. Caller holds the lock. */
    void putFull(Bucket b) {
        assert lock.isHeldByCurrentThread() : "zone lock";
        full.addFirst(b);
    }

    /**
     * Returns an empty bucket: a spare one, else a new one of up to {@code capacity} items if
     * the budget allows, else null. Caller holds the lock.
     */
    Bucket takeEmpty(int capacity) {
        assert lock.isHeldByCurrentThread() : "zone lock";
        Bucket b = empty.pollFirst();
        if (b != null) {
            return b;
        }
        int cap = (int) Math.min(capacity, budget);
        if (cap <= 0) {
            return null;
        }
        budget -= cap;
        return new Bucket(cap);
    }

    /** Keeps an empty bucket as a spare, or discards it if it is smaller than wanted. Caller holds the lock. */
    void putEmpty(Bucket b, int wantedCapacity) {
        assert lock.isHeldByCurrentThread() : "zone lock";
        assert b.count == 0;
        if (b.capacity() < wantedCapacity && budget + b.capacity() >= wantedCapacity) {
            budget += b.capacity(); // replaced by a bigger one when next needed
        } else {
            empty.addFirst(b);
        }
    }

    /** Gives a bucket's capacity back to the budget. Caller holds the lock. */
    void discard(Bucket b) {
        assert lock.isHeldByCurrentThread() : "zone lock";
        budget += b.capacity();
    }

    /**
     * Removes the full buckets beyond the working set (those that stayed unused since the
     * last trim) and all spare empties. Caller holds the lock.
     *
     * @return the removed full buckets; the caller gives their items to the keg and discards them
     */
    List<Bucket> trim() {
        assert lock.isHeldByCurrentThread() : "zone lock";
        List<Bucket> out = new ArrayList<>();
        for (int i = Math.min(minFull, full.size()); i > 0; i--) {
            Bucket b = full.pollLast(); // the coldest
            out.add(b);
        }
        dropEmpties();
        minFull = full.size();
        return out;
    }

    /** Removes every full bucket and every spare empty. Caller holds the lock. */
    List<Bucket> drain() {
        assert lock.isHeldByCurrentThread() : "zone lock";
        List<Bucket> out = new ArrayList<>(full);
        full.clear();
        dropEmpties();
        minFull = 0;
        return out;
    }

    /** Changes the cache bound; buckets already made stay until discarded. Caller holds the lock. */
    void setMaxItems(long max) {
        assert lock.isHeldByCurrentThread() : "zone lock";
        budget += max - maxItems;
        maxItems = max;
    }

    private void dropEmpties() {
        for (Bucket b; (b = empty.pollFirst()) != null; ) {
            budget += b.capacity();
        }
    }
}
