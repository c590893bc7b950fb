package org.uma4j.bench;

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
 * a {@code ThreadLocal} (on alloc and again on free, as a zone does), pops the last freed item
 * record from a LIFO stack, writes its state and site, and on free pushes it back.
 * {@link #trash} adds what uma-dbg's TRASH does on the same path, with the same primitives: on
 * free, {@code System.arraycopy} of the {@code 0xdeadc0de} pattern over the item in its slab
 * (4 KiB chunks); on alloc, {@code Arrays.mismatch} of the item against the pattern, and the
 * fill decision and the two site ids kept in a per-item record.
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

    static final int CHUNK = 4096;                 // a multiple of 4, as uma-dbg's
    static final byte[] PATTERN = new byte[CHUNK]; // 0xdeadc0de, big-endian, repeated

    static {
        for (int i = 0; i < CHUNK; i++) {
            PATTERN[i] = (byte) (0xdeadc0de >>> (24 - 8 * (i & 3)));
        }
    }

    /** One item: its bytes in the slab, the zone's per-item state, and the trash record. */
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

    static final ThreadLocal<Cache> CACHE = ThreadLocal.withInitial(Cache::new);

    @Param({"256", "2048"})
    int size; // item size in bytes

    /** Cuts 32 items from one slab into this thread's cache, none trashed yet (a trial's own items only). */
    @Setup(Level.Trial)
    public void setUp() {
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
                int bad = check(it.slab, it.offset, it.size);
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
            fill(it.slab, it.offset, it.size);
        }
        c.items[c.count++] = it;
        c.frees++;
    }

    private static void fill(byte[] a, int off, int len) {
        if (len <= CHUNK) { // one copy, as uma-dbg's common case
            System.arraycopy(PATTERN, 0, a, off, len);
            return;
        }
        for (int done = 0; done < len; done += CHUNK) {
            System.arraycopy(PATTERN, 0, a, off + done, Math.min(CHUNK, len - done));
        }
    }

    private static int check(byte[] a, int off, int len) {
        if (len <= CHUNK) { // one vectorised compare, as uma-dbg's common case
            return Arrays.mismatch(a, off, off + len, PATTERN, 0, len);
        }
        for (int done = 0; done < len; done += CHUNK) {
            int n = Math.min(CHUNK, len - done);
            int m = Arrays.mismatch(a, off + done, off + done + n, PATTERN, 0, n);
            if (m >= 0) {
                return done + m;
            }
        }
        return -1;
    }
}
