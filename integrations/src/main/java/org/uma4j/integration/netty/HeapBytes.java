package org.uma4j.integration.netty;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * How multi-byte values are laid out in a heap buffer's array: Netty's big-endian default and
 * its {@code *LE} variants, read and written through array-view {@link VarHandle}s (plain
 * access, any alignment), and the 3-byte mediums byte by byte.
 *
 * <pre>
 *   index:        i     i+1   i+2   i+3
 *   int, BE:     [b3]  [b2]  [b1]  [b0]     b3 = most significant byte
 *   int, LE:     [b0]  [b1]  [b2]  [b3]
 *   medium, BE:  [b2]  [b1]  [b0]
 * </pre>
 *
 * <p>Threading: stateless; the caller owns the array.
 */
final class HeapBytes {
    private static final VarHandle SHORT_BE = view(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT_LE = view(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = view(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = view(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = view(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = view(long[].class, ByteOrder.LITTLE_ENDIAN);

    private HeapBytes() {
    }

    private static VarHandle view(Class<?> arrayType, ByteOrder order) {
        return MethodHandles.byteArrayViewVarHandle(arrayType, order);
    }

    static short getShort(byte[] a, int i, boolean le) {
        return le ? (short) SHORT_LE.get(a, i) : (short) SHORT_BE.get(a, i);
    }

    static void setShort(byte[] a, int i, int v, boolean le) {
        if (le) {
            SHORT_LE.set(a, i, (short) v);
        } else {
            SHORT_BE.set(a, i, (short) v);
        }
    }

    static int getUnsignedMedium(byte[] a, int i, boolean le) {
        return le ? a[i] & 0xff | (a[i + 1] & 0xff) << 8 | (a[i + 2] & 0xff) << 16
                : (a[i] & 0xff) << 16 | (a[i + 1] & 0xff) << 8 | a[i + 2] & 0xff;
    }

    static void setMedium(byte[] a, int i, int v, boolean le) {
        a[i] = (byte) (le ? v : v >>> 16);
        a[i + 1] = (byte) (v >>> 8);
        a[i + 2] = (byte) (le ? v >>> 16 : v);
    }

    static int getInt(byte[] a, int i, boolean le) {
        return le ? (int) INT_LE.get(a, i) : (int) INT_BE.get(a, i);
    }

    static void setInt(byte[] a, int i, int v, boolean le) {
        if (le) {
            INT_LE.set(a, i, v);
        } else {
            INT_BE.set(a, i, v);
        }
    }

    static long getLong(byte[] a, int i, boolean le) {
        return le ? (long) LONG_LE.get(a, i) : (long) LONG_BE.get(a, i);
    }

    static void setLong(byte[] a, int i, long v, boolean le) {
        if (le) {
            LONG_LE.set(a, i, v);
        } else {
            LONG_BE.set(a, i, v);
        }
    }
}
