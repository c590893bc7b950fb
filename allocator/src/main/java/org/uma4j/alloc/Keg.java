package org.uma4j.alloc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The slab owner for one item size: partial, free and full slab lists, a new slab when both
 * of the first two are empty, and the zones stacked on it (the first is the primary; the
 * others are secondary zones, UMA's {@code uma_zsecond_create}).
 *
 * <p>Threading: the slab lists, the slabs' bitsets and the counters are guarded by the keg
 * lock, which every zone on the keg shares. Items are handed over to a zone with their
 * {@code zone} and {@code state} fields set under that lock, so the zone that receives them
 * sees them initialised.
 *
 * @param <T> the item type
 */
public final class Keg<T extends Item> {
    private final SlabGeometry geometry;         // item size, items per slab, layout
    private final ItemFactory<T> factory;        // makes the items of a new slab
    final ReentrantLock lock = new ReentrantLock(); // the keg lock
    final List<Zone<T>> zones = new CopyOnWriteArrayList<>(); // primary first; written at zone creation

    private final Slab partial = sentinel(this); // slabs with free and used items; guarded by keg lock
    private final Slab free = sentinel(this);    // slabs with only free items; guarded by keg lock
    private final Slab full = sentinel(this);    // slabs with no free item; guarded by keg lock
    private int nextSlabId = 1;                  // guarded by keg lock
    private long slabs;                          // slabs in all lists; guarded by keg lock
    private long freeItems;                      // items free in slabs; guarded by keg lock
    private volatile long slabsView;             // racy: stat copy of slabs
    private volatile long freeItemsView;         // racy: stat copy of freeItems

    Keg(SlabGeometry geometry, ItemFactory<T> factory) {
        this.geometry = geometry;
        this.factory = factory;
    }

    /** Returns the slab geometry. */
    public SlabGeometry geometry() {
        return geometry;
    }

    /** Returns the item factory. */
    ItemFactory<T> factory() {
        return factory;
    }

    /** Returns the zones on this keg, primary first. */
    public List<Zone<T>> zones() {
        return List.copyOf(zones);
    }

    /** Returns the number of slabs the keg holds. */
    public long slabCount() {
        return slabsView;
    }

    /** Returns the number of items free in the keg's slabs (not in any zone cache). */
    public long freeItems() {
        return freeItemsView;
    }

    /** Returns the bytes of item memory in the keg's slabs. */
    public long slabBytes() {
        return slabsView * geometry.slabBytes();
    }

    /**
     * Takes up to {@code n} items out of the slabs for {@code zone}, partial slabs first, then
     * free slabs, then new slabs. Takes and releases the keg lock.
     *
     * @return the number of items stored in {@code dst[0..]}; always {@code n}
     */
    int fetch(Zone<T> zone, Item[] dst, int n) {
        int grown = 0;
        lock.lock();
        try {
            int got = 0;
            while (got < n) {
                Slab s = partial.next != partial ? partial.next : free.next != free ? free.next : null;
                if (s == null) {
                    s = newSlab();
                    grown++;
                }
                while (got < n && s.freeCount > 0) {
                    Item it = s.take();
                    it.zone = zone;
                    it.state = Item.CACHED;
                    dst[got++] = it;
                }
                move(s, s.freeCount == 0 ? Slab.FULL : Slab.PARTIAL);
            }
            freeItems -= got;
            publish();
            return got;
        } finally {
            lock.unlock();
            for (int i = 0; i < grown; i++) {
                zone.slabEvent(true, geometry.slabBytes(), geometry.itemsPerSlab());
            }
        }
    }

    /** Returns {@code n} items from {@code src[from..]} to their slabs. Takes the keg lock. */
    void release(Item[] src, int from, int n) {
        lock.lock();
        try {
            for (int i = from; i < from + n; i++) {
                put(src[i]);
            }
            freeItems += n;
            publish();
        } finally {
            lock.unlock();
        }
    }

    /** Returns one item to its slab. Takes the keg lock. */
    void release(Item it) {
        lock.lock();
        try {
            put(it);
            freeItems++;
            publish();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Releases every free slab to the garbage collector (UMA's {@code keg_drain}).
     * Takes the keg lock.
     *
     * @return the number of slabs released
     */
    int drain() {
        int released = 0;
        lock.lock();
        try {
            while (free.next != free) {
                Slab s = free.next;
                unlink(s);
                slabs--;
                freeItems -= s.items.length;
                released++;
            }
            publish();
        } finally {
            lock.unlock();
        }
        return released;
    }

    private void put(Item it) {
        assert lock.isHeldByCurrentThread() : "keg lock";
        Slab s = it.slab;
        s.put(it.index);
        it.zone = null;
        it.cache = null; // a hint no longer: lets an ended thread's cache go
        it.state = Item.FREE;
        move(s, s.freeCount == s.items.length ? Slab.FREE : Slab.PARTIAL);
    }

    /** Cuts a new slab; the caller holds the keg lock. The slab starts on the free list. */
    private Slab newSlab() {
        assert lock.isHeldByCurrentThread() : "keg lock";
        int n = geometry.itemsPerSlab();
        int size = geometry.itemSize();
        Slab s = new Slab(this, nextSlabId++, n);
        byte[] packed = geometry.layout() == Layout.PACKED ? new byte[Math.multiplyExact(n, size)] : null;
        for (int i = 0; i < n; i++) {
            byte[] mem = packed != null ? packed : new byte[size];
            T item = factory.create(new ItemSlot(mem, packed != null ? i * size : 0, size, s, i));
            if (item == null || item.slab != s || item.index != i || item.slot != item) {
                throw new IllegalStateException("item factory: returned " + item
                        + " (expected: new item built with the ItemSlot it was given)");
            }
            s.items[i] = item;
        }
        link(free, s, Slab.FREE);
        slabs++;
        freeItems += n;
        return s;
    }

    private void move(Slab s, byte list) {
        if (s.list != list) {
            unlink(s);
            link(list == Slab.PARTIAL ? partial : list == Slab.FREE ? free : full, s, list);
        }
    }

    private static void link(Slab head, Slab s, byte list) {
        s.next = head.next;
        s.prev = head;
        head.next.prev = s;
        head.next = s;
        s.list = list;
    }

    private static void unlink(Slab s) {
        s.prev.next = s.next;
        s.next.prev = s.prev;
        s.prev = null;
        s.next = null;
    }

    private static Slab sentinel(Keg<?> keg) {
        Slab s = new Slab(keg, 0, 0);
        s.prev = s;
        s.next = s;
        return s;
    }

    private void publish() {
        slabsView = slabs;
        freeItemsView = freeItems;
    }

    /**
     * Calls {@code action} with every item of the keg's partial and full slabs (the slabs that
     * hold allocated or cached items), under the keg lock: for scans of what is out, such as the
     * debug layer's zone-wide leak scopes. The items' own fields are read racily by the action
     * (owners write them without this lock); it must be quick and must not allocate from this
     * keg's zones, which would wait for the lock.
     */
    public void forEachItem(Consumer<? super T> action) {
        lock.lock();
        try {
            for (Slab head : new Slab[] {partial, full}) {
                for (Slab s = head.next; s != head; s = s.next) {
                    for (Item it : s.items) {
                        @SuppressWarnings("unchecked")
                        T t = (T) it;
                        action.accept(t);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts the items the slab bitsets say are free, and checks it against the keg's count.
     * For tests and the debug layer; takes the keg lock.
     *
     * @return the number of free items found
     * @throws IllegalStateException if a slab's free count or the keg's total disagrees with its bits
     */
    public long verify() {
        lock.lock();
        try {
            long total = 0;
            for (Slab head : new Slab[] {partial, free, full}) {
                for (Slab s = head.next; s != head; s = s.next) {
                    int bits = 0;
                    for (long w : s.freeBits) {
                        bits += Long.bitCount(w);
                    }
                    if (bits != s.freeCount) {
                        throw new IllegalStateException("slab " + s.id + ": freeCount " + s.freeCount
                                + " (expected: " + bits + ", the bits set in its bitset)");
                    }
                    for (int i = 0; i < s.items.length; i++) {
                        boolean inSlab = s.isFree(i);
                        if (inSlab != (s.items[i].state == Item.FREE)) {
                            throw new IllegalStateException("slab " + s.id + ": " + s.items[i]
                                    + " has state " + s.items[i].state + " but its free bit is " + inSlab);
                        }
                    }
                    total += bits;
                }
            }
            if (total != freeItems) {
                throw new IllegalStateException("keg: freeItems " + freeItems
                        + " (expected: " + total + ", the sum over its slabs)");
            }
            return total;
        } finally {
            lock.unlock();
        }
    }
}
