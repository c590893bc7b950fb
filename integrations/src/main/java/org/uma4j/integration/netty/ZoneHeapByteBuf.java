package org.uma4j.integration.netty;

import io.netty.buffer.AbstractReferenceCountedByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.IllegalReferenceCountException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ScatteringByteChannel;
import org.uma4j.alloc.Buf;
import org.uma4j.integration.BufZones;

/**
 * A Netty heap {@link ByteBuf} whose bytes are a uma4j {@link Buf}: {@code [offset, offset +
 * capacity)} of the item's array. One object per allocation, never recycled, so a stale
 * reference to a released buffer sees refCnt 0 for ever (no ABA as with recycled pooled
 * buffers); the memory itself goes back to its zone on the last {@link #release()}, where the
 * debug layer's trash fill catches writes through escaped {@code array()} or
 * {@code nioBuffer()} references.
 *
 * <p>Reference counting is Netty's own ({@link AbstractReferenceCountedByteBuf}): same
 * encoding, same {@link IllegalReferenceCountException}s. A release after the last one is also
 * passed to the allocator ({@link BufZones#reportOverRelease}), so with generation handles the
 * debug layer reports it with the allocation site and the first free.
 *
 * <p>Multi-byte values are laid out as {@link HeapBytes} describes. Growing reallocates into
 * the class that holds the new capacity and frees the old item; shrinking keeps the item.
 * Requests above the largest class use a plain array.
 *
 * <p>Threading: as any {@link ByteBuf}: one owner at a time; retain and release from any thread.
 */
final class ZoneHeapByteBuf extends AbstractReferenceCountedByteBuf {

    private final ZoneByteBufAllocator alloc; // made this buffer; grows and copies through it
    private final BufZones zones;            // where the storage comes from
    private Buf buf;              // the storage item; null for a fallback array; owner of the buffer
    private byte[] array;         // the storage bytes; owner of the buffer
    private int offset;           // index 0 of the buffer in array; owner of the buffer
    private int storage;          // bytes usable from offset (>= capacity); owner of the buffer
    private int capacity;         // Netty's capacity; owner of the buffer
    private ByteBuffer tmpNio;    // internalNioBuffer view, made on demand; owner of the buffer

    ZoneHeapByteBuf(ZoneByteBufAllocator alloc, int initialCapacity, int maxCapacity) {
        super(maxCapacity);
        if (initialCapacity > maxCapacity) {
            throw new IllegalArgumentException("initialCapacity: " + initialCapacity
                    + " (expected: <= maxCapacity " + maxCapacity + ")");
        }
        this.alloc = alloc;
        this.zones = alloc.zones();
        attach(initialCapacity);
        this.capacity = initialCapacity;
    }

    /** Points the buffer at new storage of {@code length} bytes; the old storage is the caller's to free. */
    private void attach(int length) {
        Buf b = zones.alloc(length, 0);
        if (b != null) {
            buf = b;
            array = b.array();
            offset = b.arrayOffset();
        } else {
            zones.countFallback(length);
            buf = null;
            array = new byte[length];
            offset = 0;
        }
        storage = length;
        tmpNio = null;
    }

    /** Returns the storage item, or null for a fallback array (tests and diagnostics). */
    Buf storage() {
        return buf;
    }

    @Override
    public ByteBufAllocator alloc() {
        return alloc;
    }

    @Override
    @SuppressWarnings("deprecation")
    public ByteOrder order() {
        return ByteOrder.BIG_ENDIAN;
    }

    @Override
    public ByteBuf unwrap() {
        return null;
    }

    @Override
    public boolean isDirect() {
        return false;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public ByteBuf capacity(int newCapacity) {
        checkNewCapacity(newCapacity);
        int old = capacity;
        if (newCapacity <= storage) {
            // Shrinking, or growing back into storage kept from a shrink: no copy.
            if (newCapacity < old) {
                trimIndicesToCapacity(newCapacity);
            }
            capacity = newCapacity;
            return this;
        }
        Buf oldBuf = buf;
        byte[] oldArray = array;
        int oldOffset = offset;
        attach(newCapacity);
        System.arraycopy(oldArray, oldOffset, array, offset, old);
        capacity = newCapacity;
        if (oldBuf != null) {
            zones.free(oldBuf);
        }
        return this;
    }

    @Override
    public boolean hasArray() {
        return true;
    }

    @Override
    public byte[] array() {
        ensureAccessible();
        return array;
    }

    @Override
    public int arrayOffset() {
        return offset;
    }

    @Override
    public boolean hasMemoryAddress() {
        return false;
    }

    @Override
    public long memoryAddress() {
        throw new UnsupportedOperationException("memoryAddress: a heap buffer has none (expected: hasMemoryAddress())");
    }

    @Override
    public boolean isContiguous() {
        return true;
    }

    @Override
    public ByteBuf getBytes(int index, ByteBuf dst, int dstIndex, int length) {
        checkDstIndex(index, length, dstIndex, dst.capacity());
        if (dst.hasArray()) {
            System.arraycopy(array, offset + index, dst.array(), dst.arrayOffset() + dstIndex, length);
        } else {
            dst.setBytes(dstIndex, array, offset + index, length);
        }
        return this;
    }

    @Override
    public ByteBuf getBytes(int index, byte[] dst, int dstIndex, int length) {
        checkDstIndex(index, length, dstIndex, dst.length);
        System.arraycopy(array, offset + index, dst, dstIndex, length);
        return this;
    }

    @Override
    public ByteBuf getBytes(int index, ByteBuffer dst) {
        checkIndex(index, dst.remaining());
        dst.put(array, offset + index, dst.remaining());
        return this;
    }

    @Override
    public ByteBuf getBytes(int index, OutputStream out, int length) throws IOException {
        checkIndex(index, length);
        out.write(array, offset + index, length);
        return this;
    }

    @Override
    public int getBytes(int index, GatheringByteChannel out, int length) throws IOException {
        checkIndex(index, length);
        return out.write(ByteBuffer.wrap(array, offset + index, length));
    }

    @Override
    public int getBytes(int index, FileChannel out, long position, int length) throws IOException {
        checkIndex(index, length);
        return out.write(ByteBuffer.wrap(array, offset + index, length), position);
    }

    @Override
    public ByteBuf setBytes(int index, ByteBuf src, int srcIndex, int length) {
        checkSrcIndex(index, length, srcIndex, src.capacity());
        if (src.hasArray()) {
            System.arraycopy(src.array(), src.arrayOffset() + srcIndex, array, offset + index, length);
        } else {
            src.getBytes(srcIndex, array, offset + index, length);
        }
        return this;
    }

    @Override
    public ByteBuf setBytes(int index, byte[] src, int srcIndex, int length) {
        checkSrcIndex(index, length, srcIndex, src.length);
        System.arraycopy(src, srcIndex, array, offset + index, length);
        return this;
    }

    @Override
    public ByteBuf setBytes(int index, ByteBuffer src) {
        checkIndex(index, src.remaining());
        src.get(array, offset + index, src.remaining());
        return this;
    }

    @Override
    public int setBytes(int index, InputStream in, int length) throws IOException {
        checkIndex(index, length);
        return in.read(array, offset + index, length);
    }

    @Override
    public int setBytes(int index, ScatteringByteChannel in, int length) throws IOException {
        checkIndex(index, length);
        try {
            return in.read(internalNioBuffer(index, length));
        } catch (ClosedChannelException ignored) {
            return -1; // as Netty's own buffers: the channel reads EOF
        }
    }

    @Override
    public int setBytes(int index, FileChannel in, long position, int length) throws IOException {
        checkIndex(index, length);
        try {
            return in.read(internalNioBuffer(index, length), position);
        } catch (ClosedChannelException ignored) {
            return -1;
        }
    }

    @Override
    public ByteBuf copy(int index, int length) {
        checkIndex(index, length);
        return alloc.heapBuffer(length, maxCapacity()).writeBytes(array, offset + index, length);
    }

    @Override
    public int nioBufferCount() {
        return 1;
    }

    @Override
    public ByteBuffer nioBuffer(int index, int length) {
        checkIndex(index, length);
        return ByteBuffer.wrap(array, offset + index, length).slice();
    }

    @Override
    public ByteBuffer[] nioBuffers(int index, int length) {
        return new ByteBuffer[] {nioBuffer(index, length)};
    }

    @Override
    public ByteBuffer internalNioBuffer(int index, int length) {
        checkIndex(index, length);
        ByteBuffer t = tmpNio;
        if (t == null) {
            // Index 0 of the view is index 0 of the buffer; remade when the storage changes.
            t = ByteBuffer.wrap(array, offset, storage).slice();
            tmpNio = t;
        }
        t.clear().position(index).limit(index + length);
        return t;
    }

    @Override
    protected byte _getByte(int index) {
        return array[offset + index];
    }

    @Override
    protected short _getShort(int index) {
        return HeapBytes.getShort(array, offset + index, false);
    }

    @Override
    protected short _getShortLE(int index) {
        return HeapBytes.getShort(array, offset + index, true);
    }

    @Override
    protected int _getUnsignedMedium(int index) {
        return HeapBytes.getUnsignedMedium(array, offset + index, false);
    }

    @Override
    protected int _getUnsignedMediumLE(int index) {
        return HeapBytes.getUnsignedMedium(array, offset + index, true);
    }

    @Override
    protected int _getInt(int index) {
        return HeapBytes.getInt(array, offset + index, false);
    }

    @Override
    protected int _getIntLE(int index) {
        return HeapBytes.getInt(array, offset + index, true);
    }

    @Override
    protected long _getLong(int index) {
        return HeapBytes.getLong(array, offset + index, false);
    }

    @Override
    protected long _getLongLE(int index) {
        return HeapBytes.getLong(array, offset + index, true);
    }

    @Override
    protected void _setByte(int index, int value) {
        array[offset + index] = (byte) value;
    }

    @Override
    protected void _setShort(int index, int value) {
        HeapBytes.setShort(array, offset + index, value, false);
    }

    @Override
    protected void _setShortLE(int index, int value) {
        HeapBytes.setShort(array, offset + index, value, true);
    }

    @Override
    protected void _setMedium(int index, int value) {
        HeapBytes.setMedium(array, offset + index, value, false);
    }

    @Override
    protected void _setMediumLE(int index, int value) {
        HeapBytes.setMedium(array, offset + index, value, true);
    }

    @Override
    protected void _setInt(int index, int value) {
        HeapBytes.setInt(array, offset + index, value, false);
    }

    @Override
    protected void _setIntLE(int index, int value) {
        HeapBytes.setInt(array, offset + index, value, true);
    }

    @Override
    protected void _setLong(int index, long value) {
        HeapBytes.setLong(array, offset + index, value, false);
    }

    @Override
    protected void _setLongLE(int index, long value) {
        HeapBytes.setLong(array, offset + index, value, true);
    }

    @Override
    public ByteBuf touch(Object hint) {
        zones.touch(buf, hint); // an access record for the debug layer's reports, at its FULL level
        return this;
    }

    @Override
    public boolean release() {
        try {
            return super.release();
        } catch (IllegalReferenceCountException e) {
            throw overRelease(e);
        }
    }

    @Override
    public boolean release(int decrement) {
        try {
            return super.release(decrement);
        } catch (IllegalReferenceCountException e) {
            throw overRelease(e);
        }
    }

    /**
     * A release after the last one: let the allocator's debug layer report it (with the
     * allocation site and the first free), then throw what Netty would have thrown, unless the
     * debug policy threw its own report first (Netty's exception is then attached to it).
     */
    private RuntimeException overRelease(IllegalReferenceCountException e) {
        try {
            zones.reportOverRelease(buf);
        } catch (RuntimeException report) {
            report.addSuppressed(e);
            return report;
        }
        return e;
    }

    /**
     * Called by Netty on the last release: the item goes back to its zone. The fields keep
     * pointing at the item's memory, so a write through this stale buffer (with Netty's
     * access check disabled) lands in trashed memory, where the debug layer catches it.
     */
    @Override
    protected void deallocate() {
        Buf b = buf;
        if (b != null) {
            zones.free(b);
        }
    }
}
