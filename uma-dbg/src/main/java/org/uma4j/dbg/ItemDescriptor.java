package org.uma4j.dbg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The byte layout the debug layer imposes on an item's memory, and the routines that write
 * and check it.
 *
 * <pre>
 *   item.memoryOffset()                    + length                          + size
 *   |&lt;------------- allocated bytes -------------&gt;|&lt;---- slack (redzone) ----&gt;|
 *   |  owner's data                               |  42 42 42 42 42 42 ...     |   while allocated
 *   |  de ad c0 de de ad c0 de de ad c0 de ... (trash, every byte of the item)  |   while cached
 *   offset: 0    4    8 ...  the pattern is aligned to the item's first byte: byte i = TRASH[i % 4]
 * </pre>
 *
 * <p>Trash ({@code 0xdeadc0de}, big-endian, as uma_dbg's 32-bit {@code uma_junk}) is written over
 * the whole item when it enters the zone cache (init, after the dtor on free) and verified
 * before it leaves (before the ctor on alloc, before fini). The redzone guard byte
 * ({@code 0x42}, as redzone(9)) fills the slack between the allocated length and the item
 * size on alloc and is checked on free. Items have no header, so there is no underflow zone:
 * the bytes before an item belong to the previous item, whose trash or redzone catch writes
 * that stray into it.
 *
 * <p>Two ways to write and check trash, chosen once per JVM ({@link #WORDS}): a copy of the
 * pattern and {@link Arrays#mismatch} (JDK 17 compiles both to vector stubs, and its loops of
 * 8-byte {@code VarHandle} accesses stay scalar), or loops of 8-byte words through a
 * {@code VarHandle}, the pattern a constant (JDK 25 compiles them to vector loops, and the check
 * then reads the item with the stores' own width: {@code Arrays.mismatch} right after a copy or
 * a word fill waits for the stores to drain, 1.5-2x the cost of the words' check at 2 KiB and
 * 16 KiB). Items of at most {@link #COPY_MAX} bytes take the copy on every JDK: there a loop's
 * fixed cost (C2's pre-loop, the vector set-up, the reduction and the post-loop) is all it costs.
 * Either way finds the same first modified byte.
 *
 * <p>Threading: stateless; the caller owns the item.
 */
final class ItemDescriptor {
    /** uma_dbg's junk word. */
    static final int TRASH_WORD = 0xdeadc0de;
    /** redzone(9)'s guard byte. */
    static final byte GUARD = 0x42;
    private static final int CHUNK = 4096;                     // multiple of 4: keeps the pattern aligned
    private static final byte[] TRASH = new byte[CHUNK];       // the pattern, CHUNK bytes
    private static final byte[] GUARDS = new byte[CHUNK];      // GUARD, CHUNK bytes
    /** Trash written and checked as 8-byte words: on JDK 25 and later, where C2 vectorizes the loops; above {@link #COPY_MAX}. */
    static final boolean WORDS = Runtime.version().feature() >= 25;
    /**
     * The largest item whose trash is copied and compared even where {@link #WORDS} holds: at
     * 64 B the two ways cost the same (0.988), and below it a loop is mostly its fixed cost. Above
     * it, on JDK 25 on an AVX-512 host, the copy's cost depends on where the item sits against
     * 64-byte lines (at 256 B, 10.7-14.4 ns for the copy and the compare by the item's address)
     * and the words' does not (11.0-11.7): a TRASH alloc + free took 0.940 / 0.895 / 0.915 of the
     * copy's time at 128 / 256 / 512 B, faster in 6 / 6 / 4 of 6 alternated rounds. (An earlier
     * host had read the copy ≈ 1 ns faster at 256 and 512 B, with no such dependence.)
     */
    static final int COPY_MAX = 64;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    // Eight trash bytes as the native-order long that LONGS reads and writes: de ad c0 de de ad c0 de.
    private static final long TRASH_LONG = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN
            ? 0xdeadc0dedeadc0deL : Long.reverseBytes(0xdeadc0dedeadc0deL);

    static {
        for (int i = 0; i < CHUNK; i++) {
            TRASH[i] = (byte) (TRASH_WORD >>> (24 - 8 * (i & 3)));
        }
        Arrays.fill(GUARDS, GUARD);
    }

    private ItemDescriptor() {
    }

    /** Fills {@code a[off, off+len)} with trash aligned to {@code off}. */
    static void fillTrash(byte[] a, int off, int len) {
        if (WORDS && len > COPY_MAX) {
            fillTrashWords(a, off, len);
        } else {
            fillTrashCopy(a, off, len);
        }
    }

    /** Returns the first item-relative offset in {@code a[off, off+len)} that is not trash, or -1. */
    static int checkTrash(byte[] a, int off, int len) {
        return WORDS && len > COPY_MAX ? checkTrashWords(a, off, len) : checkTrashCopy(a, off, len);
    }

    /** {@link #fillTrash} as copies of the pattern. */
    static void fillTrashCopy(byte[] a, int off, int len) {
        if (len <= CHUNK) {
            System.arraycopy(TRASH, 0, a, off, len); // the common case, kept small to inline
            return;
        }
        fill(a, off, len, TRASH);
    }

    /** {@link #checkTrash} with {@link Arrays#mismatch} against the pattern. */
    static int checkTrashCopy(byte[] a, int off, int len) {
        if (len <= CHUNK) { // one vectorised compare: the common case, kept small to inline
            return Arrays.mismatch(a, off, off + len, TRASH, 0, len);
        }
        return check(a, off, 0, len, TRASH);
    }

    /** {@link #fillTrash} in 8-byte words, the last {@code len % 8} bytes copied. */
    static void fillTrashWords(byte[] a, int off, int len) {
        int words = len & ~7; // item-relative end of the words: a multiple of 4, so the tail starts at TRASH[0]
        for (int i = 0; i < words; i += 8) {
            LONGS.set(a, off + i, TRASH_LONG);
        }
        if (words < len) {
            System.arraycopy(TRASH, 0, a, off + words, len - words);
        }
    }

    /** {@link #checkTrash} in 8-byte words: an OR of differences, then the exact offset on the rare miss. */
    static int checkTrashWords(byte[] a, int off, int len) {
        int words = len & ~7;
        long diff = 0;
        for (int i = 0; i < words; i += 8) {
            diff |= (long) LONGS.get(a, off + i) ^ TRASH_LONG;
        }
        if (diff != 0 || words < len && Arrays.mismatch(a, off + words, off + len, TRASH, 0, len - words) >= 0) {
            return check(a, off, 0, len, TRASH); // the first modified byte, as the copy's check finds it
        }
        return -1;
    }

    /** Fills the slack {@code [from, to)} (item-relative) of the item at {@code off} with guard bytes. */
    static void fillGuard(byte[] a, int off, int from, int to) {
        fill(a, off + from, to - from, GUARDS);
    }

    /** Returns the first item-relative offset in slack {@code [from, to)} that is not a guard byte, or -1. */
    static int checkGuard(byte[] a, int off, int from, int to) {
        return check(a, off, from, to - from, GUARDS);
    }

    /** Counts the bytes of item-relative {@code [from, to)} that differ from trash (or guard if {@code guard}). */
    static int countModified(byte[] a, int off, int from, int to, boolean guard) {
        int n = 0;
        for (int i = from; i < to; i++) {
            byte want = guard ? GUARD : TRASH[i & 3];
            if (a[off + i] != want) {
                n++;
            }
        }
        return n;
    }

    /** Returns the aligned big-endian 32-bit word of the item at {@code off} holding item-relative {@code at}. */
    static int wordAt(byte[] a, int off, int at, int size) {
        int w = 0;
        int base = at & ~3;
        for (int i = base; i < base + 4; i++) {
            w = (w << 8) | (i < size ? a[off + i] & 0xff : 0);
        }
        return w;
    }

    private static void fill(byte[] a, int start, int len, byte[] pattern) {
        for (int done = 0; done < len; done += CHUNK) {
            System.arraycopy(pattern, 0, a, start + done, Math.min(CHUNK, len - done));
        }
    }

    /**
     * Compares item-relative {@code [from, from+len)} with the pattern, chunk by chunk with the
     * vectorised {@link Arrays#mismatch}; guard chunks need no alignment, trash chunks start at
     * from = 0 so the item-relative offset and the pattern index agree modulo 4.
     */
    private static int check(byte[] a, int off, int from, int len, byte[] pattern) {
        for (int done = 0; done < len; done += CHUNK) {
            int n = Math.min(CHUNK, len - done);
            int start = off + from + done;
            int m = Arrays.mismatch(a, start, start + n, pattern, 0, n);
            if (m >= 0) {
                return from + done + m;
            }
        }
        return -1;
    }
}
