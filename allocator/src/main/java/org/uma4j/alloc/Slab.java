package org.uma4j.alloc;

/**
 * One backing allocation of a keg, cut into items, with its free-item bitset.
 *
 * <p>Threading: every field but the final ones is guarded by the keg lock.
 */
final class Slab {
    static final byte PARTIAL = 0;
    static final byte FREE = 1;
    static final byte FULL = 2;

    final int id;            // keg-unique, for reports
    final Keg<?> keg;        // the keg that cut the slab
    final Item[] items;      // the slab's type-stable items, by index
    final long[] freeBits;   // bit i set = item i is free in the slab; guarded by keg lock
    int freeCount;           // number of set bits; guarded by keg lock
    byte list;               // PARTIAL, FREE or FULL; guarded by keg lock
    Slab prev;               // link in the keg list named by list; guarded by keg lock
    Slab next;               // link in the keg list named by list; guarded by keg lock

    Slab(Keg<?> keg, int id, int itemCount) {
        this.keg = keg;
        this.id = id;
        this.items = new Item[itemCount];
        this.freeBits = new long[(itemCount + 63) >>> 6];
        for (int i = 0; i < itemCount; i++) {
            freeBits[i >>> 6] |= 1L << i;
        }
        this.freeCount = itemCount;
        this.list = FREE;
    }

    /** Takes the lowest free item; the caller holds the keg lock and knows freeCount &gt; 0. */
    Item take() {
        for (int w = 0; w < freeBits.length; w++) {
            long bits = freeBits[w];
            if (bits != 0) {
                int b = Long.numberOfTrailingZeros(bits);
                freeBits[w] = bits & ~(1L << b);
                freeCount--;
                return items[(w << 6) + b];
            }
        }
        throw new AssertionError("slab " + id + ": freeCount " + freeCount + " but no free bit");
    }

    /** Returns an item to the slab; the caller holds the keg lock. */
    void put(int index) {
        long bit = 1L << index;
        int w = index >>> 6;
        if ((freeBits[w] & bit) != 0) {
            throw new IllegalStateException("uma4j: item " + index + " of slab " + id
                    + " is already free in its slab (expected: an item out of the slab)");
        }
        freeBits[w] |= bit;
        freeCount++;
    }

    /** Returns true if the item's bit says it is free in the slab; the caller holds the keg lock. */
    boolean isFree(int index) {
        return (freeBits[index >>> 6] & (1L << index)) != 0;
    }
}
