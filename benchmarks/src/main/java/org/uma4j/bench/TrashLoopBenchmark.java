package org.uma4j.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A reference for the trash figures, not a figure: the least that trash can cost in a loop shaped
 * like a zone's alloc + free, with no uma4j code. Each operation finds the thread's cache through
 * a {@code ThreadLocal} (on alloc and again on free, as a zone does for a thread without a slot
 * in its home table), pops the last freed item
 * record from a LIFO stack, writes its state and site, and on free pushes it back.
 * {@link #trash} adds what uma-dbg's TRASH does on the same path, with the same primitives: on
 * free, {@code System.arraycopy} of the {@code 0xdeadc0de} pattern over the item in its slab;
 * on alloc, {@code Arrays.mismatch} of the item against the pattern, and the fill decision and
 * the two site ids kept in a per-item record. Items of at most {@link #PATTERN_BYTES} bytes, so
 * each side is one call, as uma-dbg's common case; the pattern is built here, not taken from
 * uma-dbg, because the loop must run no uma4j code. On JDK 25 and later uma-dbg writes and checks
 * items over 64 bytes in 8-byte words through a {@code VarHandle} instead
 * ({@code ItemDescriptor.WORDS}, {@code COPY_MAX}), and so does this loop ({@link #WORDS}).
 *
 * <p>So {@code trash - off} here is what the fill and the verify cost where they are used as a
 * trash zone must use them (a pattern of 4 bytes copied, not one byte filled; the item compared
 * in a shared slab, right after it was written), and {@code Uma4jDebugBenchmark.trash - off}
 * minus that is what uma4j's hooks add around them. {@link Ratios} prints both after the trash
 * figures.
 *
 * <p>Threading: one JMH thread; the state is per thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class TrashLoopBenchmark {

    static final int PATTERN_BYTES = 4096;                 // a multiple of 4, as uma-dbg's chunk
    static final byte[] PATTERN = new byte[PATTERN_BYTES]; // 0xdeadc0de, big-endian, repeated

    static {
        for (int i = 0; i < PATTERN_BYTES; i++) {
            PATTERN[i] = (byte) (0xdeadc0de >>> (24 - 8 * (i & 3)));
        }
    }

    /**
     * One item: its bytes in the slab, the zone's per-item state, and the trash record. The
     * generation, the sites and the cache's counts are written and never read here: they are
     * the stores a zone and its trash hooks make, kept so the loop does the same work.
     */
    static final class ItemRecord {
        byte[] slab;       // shared by all items, as a keg's slab
        int offset;        // first byte in the slab
        int size;          // bytes
        int state;         // 0 cached, 1 allocated
        int site;          // the allocation's site id
        int gen;           // bumped by every free
        boolean trashed;   // filled on its last free: verified on its next alloc
        int allocSite;     // the trash record's sites, for a report
        int freeSite;
    }

    /** A thread's cache: a LIFO stack of item records, as a zone's per-thread bucket. */
    static final class Cache {
        final ItemRecord[] items = new ItemRecord[64];
        int count;
        long allocs;
        long frees;
    }

    /** As uma-dbg's {@code ItemDescriptor.WORDS}: trash in 8-byte words on JDK 25 and later. */
    static final boolean WORDS = Runtime.version().feature() >= 25;
    /** As uma-dbg's {@code ItemDescriptor.COPY_MAX}: items up to this size are copied and compared everywhere. */
    static final int COPY_MAX = 64;
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    static final long PATTERN_LONG = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN
            ? 0xdeadc0dedeadc0deL : Long.reverseBytes(0xdeadc0dedeadc0deL);

    static final ThreadLocal<Cache> CACHE = ThreadLocal.withInitial(Cache::new);

    @Param({"256", "2048"})
    int size; // item size in bytes

    /** Cuts 32 items from one slab into this thread's cache, none trashed yet (a trial's own items only). */
    @Setup(Level.Trial)
    public void setUp() {
        if (size > PATTERN_BYTES || size % 8 != 0) {
            throw new IllegalArgumentException("size: " + size + " (expected: at most " + PATTERN_BYTES
                    + ", one pattern copy per item, and a multiple of 8, whole words)");
        }
        Cache c = CACHE.get();
        c.count = 0; // a second trial in the same JVM (-f 0) starts afresh
        byte[] slab = new byte[32 * size];
        for (int i = 0; i < 32; i++) {
            ItemRecord it = new ItemRecord();
            it.slab = slab;
            it.offset = i * size;
            it.size = size;
            c.items[c.count++] = it;
        }
    }

    /** Alloc + free with no trash: the loop's own cost. */
    @Benchmark
    public void off(Blackhole bh) {
        ItemRecord it = alloc(7, false);
        bh.consume(it);
        free(it, 7, false);
    }

    /** Alloc + free, the item verified on alloc and filled with trash on free. */
    @Benchmark
    public void trash(Blackhole bh) {
        ItemRecord it = alloc(7, true);
        bh.consume(it);
        free(it, 7, true);
    }

    private static ItemRecord alloc(int site, boolean trash) {
        Cache c = CACHE.get();
        ItemRecord it = c.items[--c.count];
        c.allocs++;
        if (trash) {
            if (it.trashed) {
                int bad = words(it) ? checkWords(it) : Arrays.mismatch(it.slab, it.offset, it.offset + it.size, PATTERN, 0, it.size);
                if (bad >= 0) {
                    throw new IllegalStateException("trash modified at offset " + bad + " (expected: none, nothing writes)");
                }
            }
            it.allocSite = site;
        }
        it.state = 1;
        it.site = site;
        return it;
    }

    private static void free(ItemRecord it, int site, boolean trash) {
        if (it.state != 1) {
            throw new IllegalStateException("state: " + it.state + " (expected: 1, allocated)");
        }
        it.state = 0;
        it.gen++;
        Cache c = CACHE.get();
        if (trash) {
            it.freeSite = site;
            it.trashed = true;
            if (words(it)) {
                fillWords(it);
            } else {
                System.arraycopy(PATTERN, 0, it.slab, it.offset, it.size);
            }
        }
        c.items[c.count++] = it;
        c.frees++;
    }

    private static boolean words(ItemRecord it) {
        return WORDS && it.size > COPY_MAX;
    }

    private static void fillWords(ItemRecord it) {
        byte[] a = it.slab;
        int end = it.offset + it.size;
        for (int i = it.offset; i < end; i += 8) {
            LONGS.set(a, i, PATTERN_LONG);
        }
    }

    private static int checkWords(ItemRecord it) {
        byte[] a = it.slab;
        int end = it.offset + it.size;
        long diff = 0;
        for (int i = it.offset; i < end; i += 8) {
            diff |= (long) LONGS.get(a, i) ^ PATTERN_LONG;
        }
        return diff == 0 ? -1 : Arrays.mismatch(a, it.offset, end, PATTERN, 0, it.size);
    }
}
