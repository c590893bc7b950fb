package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The two ways of writing and checking trash ({@link ItemDescriptor#WORDS} picks one per JVM,
 * {@link ItemDescriptor#COPY_MAX} per length) agree byte for byte, whatever the item's length and
 * its offset in the slab: both are tested here on every JDK, each against the pattern spelled out
 * byte by byte, and so is the choice between them around {@code COPY_MAX}.
 */
class ItemDescriptorTest {

    private static final int[] LENGTHS = {0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 63, 100, 256, 2048, 4095, 4096, 4101, 16384};

    /** uma_dbg's junk word, big-endian, from the item's first byte. */
    private static byte trashAt(int i) {
        return (byte) (0xdeadc0de >>> (24 - 8 * (i & 3)));
    }

    @Test
    void bothFillsWriteThePatternFromTheItemsFirstByteAndNothingAround() {
        for (int len : LENGTHS) {
            for (int off = 0; off < 9; off++) {
                byte[] want = new byte[off + len + 9];
                Arrays.fill(want, (byte) 0x55);
                for (int i = 0; i < len; i++) {
                    want[off + i] = trashAt(i);
                }
                byte[] words = new byte[want.length];
                Arrays.fill(words, (byte) 0x55);
                ItemDescriptor.fillTrashWords(words, off, len);
                assertArrayEquals(want, words, "words, len " + len + " off " + off);
                byte[] copy = new byte[want.length];
                Arrays.fill(copy, (byte) 0x55);
                ItemDescriptor.fillTrashCopy(copy, off, len);
                assertArrayEquals(want, copy, "copy, len " + len + " off " + off);
            }
        }
    }

    @Test
    void bothChecksFindNothingInCleanTrashAndIgnoreTheNeighbours() {
        for (int len : LENGTHS) {
            for (int off = 0; off < 9; off++) {
                byte[] a = new byte[off + len + 9]; // zero neighbours: not trash, not in the item
                ItemDescriptor.fillTrashWords(a, off, len);
                assertEquals(-1, ItemDescriptor.checkTrashWords(a, off, len), "words, len " + len + " off " + off);
                assertEquals(-1, ItemDescriptor.checkTrashCopy(a, off, len), "copy, len " + len + " off " + off);
            }
        }
    }

    @Test
    void bothChecksReportTheFirstModifiedByte() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int len : LENGTHS) {
            if (len == 0) {
                continue;
            }
            for (int round = 0; round < 40; round++) {
                int off = rnd.nextInt(9);
                byte[] a = new byte[off + len + 9];
                ItemDescriptor.fillTrashCopy(a, off, len);
                // The item's first and last bytes, then random ones; a second damaged byte at or
                // after the first, which the checks must not report instead.
                int first = round == 0 ? 0 : round == 1 ? len - 1 : rnd.nextInt(len);
                int second = first + rnd.nextInt(len - first);
                a[off + second] ^= (byte) (1 + rnd.nextInt(255));
                a[off + first] ^= (byte) (1 + rnd.nextInt(255));
                int want = a[off + first] != trashAt(first) ? first : -1;
                if (want < 0) { // the two flips cancelled out on one byte
                    continue;
                }
                assertEquals(want, ItemDescriptor.checkTrashWords(a, off, len), "words, len " + len + " off " + off);
                assertEquals(want, ItemDescriptor.checkTrashCopy(a, off, len), "copy, len " + len + " off " + off);
            }
        }
    }

    @Test
    void theChosenWayFillsAndChecksEitherSideOfCopyMax() {
        for (int len = ItemDescriptor.COPY_MAX - 9; len <= ItemDescriptor.COPY_MAX + 9; len++) {
            int off = 1 + (len & 7); // a byte before the item at least
            byte[] a = new byte[off + len + 9];
            Arrays.fill(a, (byte) 0x55);
            ItemDescriptor.fillTrash(a, off, len);
            for (int i = 0; i < len; i++) {
                assertEquals(trashAt(i), a[off + i], "len " + len + " byte " + i);
            }
            assertEquals((byte) 0x55, a[off - 1], "len " + len + ": the byte before written");
            assertEquals((byte) 0x55, a[off + len], "len " + len + ": the next byte written");
            assertEquals(-1, ItemDescriptor.checkTrash(a, off, len), "len " + len + ": clean trash");
            a[off + len - 1] ^= 0x10; // the last byte: in the tail of either way
            assertEquals(len - 1, ItemDescriptor.checkTrash(a, off, len), "len " + len + ": the last byte");
        }
    }
}
