package org.uma4j.alloc;

import java.nio.ByteBuffer;

/**
 * A buffer item: a handle bound for life to {@link #capacity()} bytes of slab memory, with a
 * read index and a write index, a cached {@link ByteBuffer} view, and reference counting in
 * zones built with {@link ZoneBuilder#refcount()}.
 *
 * <pre>{@code
 * Buf b = zone.alloc(Zone.WAITOK);
 * b.writeBytes(request, 0, request.length);
 * channel.write(b.byteBuffer());   // the same ByteBuffer object every time: no garbage
 * b.release();                     // or zone.free(b)
 * }</pre>
 *
 * <p>Indices: {@code 0 <= readIndex <= writeIndex <= capacity}; reads take bytes from the read
 * index, writes put bytes at the write index. Absolute get/set take an index in
 * {@code [0, capacity)}. Both reset to 0 on every allocation.
 *
 * <p>Threading: a buffer belongs to one owner at a time, like any allocation. A view (see
 * {@link ZoneBuilder#generationHandles()}) checks at every access that its allocation is
 * still live, and reports a stale use through the zone's debug hooks.
 */
public final class Buf extends Item {
    static final ItemFactory<Buf> FACTORY = new ItemFactory<>() {
        @Override
        public Buf create(ItemSlot slot) {
            return new Buf(slot);
        }

        @Override
        public Buf view(Buf item) {
            return new Buf(item);
        }

        @Override
        public boolean supportsViews() {
            return true;
        }
    };

    private final ByteBuffer nio; // a heap view of the item's bytes, made once per item (per view for views)
    private int readIndex;        // owner of the allocation
    private int writeIndex;       // owner of the allocation

    private Buf(ItemSlot slot) {
        super(slot);
        this.nio = ByteBuffer.wrap(array, offset, size).slice();
    }

    private Buf(Buf item) {
        super(item);
        // A view of its own: a stale holder must not move the next owner's position or limit.
        this.nio = ByteBuffer.wrap(array, offset, size).slice();
    }

    /** Returns the factory of buffers, for zones built with {@link Zone#builder(String, int, ItemFactory)}. */
    public static ItemFactory<Buf> factory() {
        return FACTORY;
    }

    @Override
    protected void reset() {
        readIndex = 0;
        writeIndex = 0;
    }

    /** Returns the bytes this allocation may use: {@link #length()}, at most the item size. */
    public int capacity() {
        checkLive();
        return length;
    }

    /** Returns the backing array; the buffer's bytes start at {@link #arrayOffset()}. */
    public byte[] array() {
        checkLive();
        return array;
    }

    /** Returns the offset of the buffer's first byte in {@link #array()}. */
    public int arrayOffset() {
        checkLive();
        return offset;
    }

    /**
     * Returns the buffer's {@link ByteBuffer} view over {@code [0, capacity)}, position 0, limit
     * capacity. It is the same object on every call (no garbage), so call it once per use; it
     * must not be used after the buffer is freed (the debug layer's trash check catches it).
     */
    public ByteBuffer byteBuffer() {
        checkLive();
        nio.clear().limit(length);
        return nio;
    }

    /** Returns the read index. */
    public int readIndex() {
        checkLive();
        return readIndex;
    }

    /** Returns the write index. */
    public int writeIndex() {
        checkLive();
        return writeIndex;
    }

    /** Sets both indices. */
    public Buf setIndex(int read, int write) {
        checkLive();
        if (read < 0 || read > write || write > length) {
            throw new IndexOutOfBoundsException("readIndex " + read + ", writeIndex " + write
                    + " (expected: 0 <= readIndex <= writeIndex <= capacity " + length + ")");
        }
        readIndex = read;
        writeIndex = write;
        return this;
    }

    /** Returns {@code writeIndex - readIndex}. */
    public int readableBytes() {
        checkLive();
        return writeIndex - readIndex;
    }

    /** Returns {@code capacity - writeIndex}. */
    public int writableBytes() {
        checkLive();
        return length - writeIndex;
    }

    /** Sets both indices to 0. */
    public Buf clear() {
        checkLive();
        readIndex = 0;
        writeIndex = 0;
        return this;
    }

    /** Returns the byte at {@code index}. */
    public byte getByte(int index) {
        checkLive();
        checkIndex(index, 1);
        return array[offset + index];
    }

    /** Sets the byte at {@code index}. */
    public Buf setByte(int index, int value) {
        checkLive();
        checkIndex(index, 1);
        array[offset + index] = (byte) value;
        return this;
    }

    /** Copies {@code len} bytes starting at {@code index} into {@code dst[dstOff..]}. */
    public Buf getBytes(int index, byte[] dst, int dstOff, int len) {
        checkLive();
        checkIndex(index, len);
        System.arraycopy(array, offset + index, dst, dstOff, len);
        return this;
    }

    /** Copies {@code len} bytes from {@code src[srcOff..]} to the buffer at {@code index}. */
    public Buf setBytes(int index, byte[] src, int srcOff, int len) {
        checkLive();
        checkIndex(index, len);
        System.arraycopy(src, srcOff, array, offset + index, len);
        return this;
    }

    /** Appends one byte at the write index. */
    public Buf writeByte(int value) {
        checkLive();
        checkIndex(writeIndex, 1);
        array[offset + writeIndex++] = (byte) value;
        return this;
    }

    /** Appends {@code len} bytes of {@code src[srcOff..]} at the write index. */
    public Buf writeBytes(byte[] src, int srcOff, int len) {
        checkLive();
        checkIndex(writeIndex, len);
        System.arraycopy(src, srcOff, array, offset + writeIndex, len);
        writeIndex += len;
        return this;
    }

    /** Appends the remaining bytes of {@code src}, advancing its position. */
    public Buf writeBytes(ByteBuffer src) {
        checkLive();
        int len = src.remaining();
        checkIndex(writeIndex, len);
        src.get(array, offset + writeIndex, len);
        writeIndex += len;
        return this;
    }

    /** Reads one byte at the read index. */
    public byte readByte() {
        checkLive();
        if (readIndex >= writeIndex) {
            throw new IndexOutOfBoundsException("readIndex " + readIndex + " (expected: < writeIndex " + writeIndex + ")");
        }
        return array[offset + readIndex++];
    }

    /** Reads {@code len} bytes at the read index into {@code dst[dstOff..]}. */
    public Buf readBytes(byte[] dst, int dstOff, int len) {
        checkLive();
        if (len < 0 || len > writeIndex - readIndex) {
            throw new IndexOutOfBoundsException("len " + len + " (expected: 0.." + (writeIndex - readIndex)
                    + ", the readable bytes)");
        }
        System.arraycopy(array, offset + readIndex, dst, dstOff, len);
        readIndex += len;
        return this;
    }

    /** Frees the buffer to its zone; for shared buffers use {@link #release()}. */
    public void free() {
        Zone<?> z = zone;
        if (z == null) {
            throw new IllegalStateException("uma4j: duplicate free of " + this + " (expected: an allocated item)");
        }
        z.freeHandle(this, 0, 0L);
    }

    private void checkIndex(int index, int len) {
        if (index < 0 || len < 0 || index > length - len) {
            throw new IndexOutOfBoundsException("index " + index + ", length " + len
                    + " (expected: within capacity " + length + ")");
        }
    }
}
