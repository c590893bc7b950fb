package org.uma4j.alloc;

/**
 * Where a new item lives: passed to {@link ItemFactory#create} while a keg cuts a slab, and
 * handed on unchanged to the {@link Item#Item(ItemSlot)} constructor. It is valid only during
 * that call.
 */
public final class ItemSlot {
    final byte[] array;  // the slab's memory (packed) or the item's own array (per-item)
    final int offset;    // first byte of the item in array
    final int size;      // bytes in the item
    final Slab slab;     // the slab being cut
    final int index;     // index of the item in the slab

    ItemSlot(byte[] array, int offset, int size, Slab slab, int index) {
        this.array = array;
        this.offset = offset;
        this.size = size;
        this.slab = slab;
        this.index = index;
    }

    /** Returns the number of bytes in the item. */
    public int size() {
        return size;
    }
}
