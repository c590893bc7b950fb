package org.uma4j.alloc;

/**
 * A small stack of free items (UMA's {@code struct uma_bucket}): a thread cache pops and
 * pushes it, and whole buckets move between thread caches and the zone's bucket cache.
 *
 * <p>Threading: owned by one cache or by the bucket cache at a time; never shared. The
 * entries above {@code count} are stale and never read.
 */
public final class Bucket {
    final Item[] items;  // entries [0, count) are free items of one zone
    int count;           // owner only

    Bucket(int capacity) {
        this.items = new Item[capacity];
    }

    /** Returns the number of items the bucket can hold. */
    public int capacity() {
        return items.length;
    }

    /** Returns the number of items in the bucket. */
    public int count() {
        return count;
    }

    boolean isFull() {
        return count == items.length;
    }
}
