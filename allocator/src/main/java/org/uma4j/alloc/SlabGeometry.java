package org.uma4j.alloc;

/**
 * How a keg cuts slabs: the one place that knows the byte layout of a slab.
 *
 * <pre>
 * PACKED (one byte[] per slab, items back to back, no header in the array):
 *
 *   slab.array  +----------+----------+-----+------------+-------+
 *               | item 0   | item 1   | ... | item n-1   | waste |
 *               +----------+----------+-----+------------+-------+
 *               0          size       2*size  (n-1)*size  n*size   slabBytes
 *
 * PER_ITEM (one byte[size] per item, each at array offset 0):
 *
 *   item 0 -&gt; byte[size]   item 1 -&gt; byte[size]   ...   item n-1 -&gt; byte[size]
 * </pre>
 *
 * The slab header (free bitset, free count, list links) lives in the {@link Slab} object, like
 * UMA's OFFPAGE slabs, so the memory holds only items; the debug layer's trash pattern and
 * redzone guard bytes are written into the items themselves.
 *
 * <p><b>Choosing the slab size.</b> Candidates are 16, 32, 64, 128 and 256 KiB. The smallest
 * candidate that holds at least {@value #MIN_ITEMS} items with at most 1/{@value #MAX_WASTE_DIV}
 * of it wasted wins (UMA's {@code UMA_MAX_WASTE}); failing that, the candidate with the least
 * waste. 256 KiB is the ceiling because G1 treats an object of half a region or more as
 * humongous (allocated in whole regions, collected late), and regions are as small as 1 MiB
 * on small heaps: a 256 KiB slab stays an ordinary young-generation array on every heap.
 * Items larger than 256 KiB get one slab each (a slab of exactly one item); those arrays may
 * be humongous, which is the JDK's cost of any buffer that big. PER_ITEM kegs group items
 * into slabs for bookkeeping only: as many as fit the same byte budget, at least one.
 */
public final class SlabGeometry {
    /** Largest slab a keg allocates, in bytes, unless one item is larger. */
    public static final int MAX_SLAB_BYTES = 256 * 1024;
    static final int MIN_SLAB_BYTES = 16 * 1024;
    static final int MIN_ITEMS = 8;
    static final int MAX_WASTE_DIV = 10;

    private final int itemSize;   // bytes per item
    private final int itemsPerSlab; // UMA's ipers
    private final Layout layout;  // how the items' memory is laid out

    private SlabGeometry(int itemSize, int itemsPerSlab, Layout layout) {
        this.itemSize = itemSize;
        this.itemsPerSlab = itemsPerSlab;
        this.layout = layout;
    }

    /**
     * Chooses the geometry for items of {@code itemSize} bytes.
     *
     * @param itemSize bytes per item, &gt; 0
     * @param layout the layout
     * @return the geometry
     */
    public static SlabGeometry of(int itemSize, Layout layout) {
        if (itemSize <= 0) {
            throw new IllegalArgumentException("itemSize: " + itemSize + " (expected: > 0)");
        }
        if (itemSize >= MAX_SLAB_BYTES) {
            return new SlabGeometry(itemSize, 1, layout);
        }
        int best = -1;
        long bestWaste = Long.MAX_VALUE;
        for (int bytes = MIN_SLAB_BYTES; bytes <= MAX_SLAB_BYTES; bytes <<= 1) {
            int n = bytes / itemSize;
            long waste = bytes - (long) n * itemSize;
            if (n >= MIN_ITEMS && waste * MAX_WASTE_DIV <= bytes) {
                best = bytes;
                break;
            }
            // Waste is compared per item so a bigger slab must really be better to win.
            long wastePerMille = n == 0 ? Long.MAX_VALUE : waste * 1000 / bytes;
            if (n > 0 && wastePerMille < bestWaste) {
                bestWaste = wastePerMille;
                best = bytes;
            }
        }
        return new SlabGeometry(itemSize, Math.max(1, best / itemSize), layout);
    }

    /** Returns the bytes per item. */
    public int itemSize() {
        return itemSize;
    }

    /** Returns the number of items per slab. */
    public int itemsPerSlab() {
        return itemsPerSlab;
    }

    /** Returns the layout. */
    public Layout layout() {
        return layout;
    }

    /** Returns the bytes of item memory in one slab. */
    public long slabBytes() {
        return (long) itemSize * itemsPerSlab;
    }

    @Override
    public String toString() {
        return layout + " " + itemsPerSlab + " x " + itemSize + " B";
    }
}
