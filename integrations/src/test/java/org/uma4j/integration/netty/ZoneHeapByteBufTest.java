package org.uma4j.integration.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.IllegalReferenceCountException;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.uma4j.alloc.Layout;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.integration.BufZones;

/** The ByteBuf contract of zone-backed heap buffers, for both keg layouts (offset 0 and packed). */
class ZoneHeapByteBufTest {

    private static ZoneByteBufAllocator allocator(Layout layout) {
        return new ZoneByteBufAllocator(new BufZones("t", new ZoneRegistry(), layout, BufZones.DEFAULT_MAX_SIZE),
                PooledByteBufAllocator.DEFAULT, true);
    }

    private static ZoneHeapByteBuf unwrap(ByteBuf b) {
        ByteBuf u = b.unwrap() != null ? b.unwrap() : b; // leak-aware wrappers, when sampled
        return (ZoneHeapByteBuf) u;
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void primitivesMatchNettysOwnHeapBuffer(Layout layout) {
        ZoneByteBufAllocator alloc = allocator(layout);
        ByteBuf ours = alloc.heapBuffer(100, 100);
        ByteBuf ref = Unpooled.buffer(100, 100);
        for (ByteBuf b : new ByteBuf[] {ours, ref}) {
            b.writeByte(0x81).writeShort(0x1234).writeShortLE(0x5678).writeMedium(0xabcdef).writeMediumLE(0x123456)
                    .writeInt(0xdeadbeef).writeIntLE(0xcafebabe).writeLong(0x0102030405060708L)
                    .writeLongLE(0x1112131415161718L).writeBytes("hello".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals(100, ours.capacity());
        assertEquals(ByteBufUtil.hexDump(ref), ByteBufUtil.hexDump(ours));
        assertEquals(ref.getUnsignedMedium(3 + 2), ours.getUnsignedMedium(3 + 2));
        assertEquals(ref.getUnsignedMediumLE(8), ours.getUnsignedMediumLE(8));
        assertEquals(ref.getIntLE(15), ours.getIntLE(15));
        assertEquals(ref.getLongLE(27), ours.getLongLE(27));
        assertEquals(ref.getShortLE(3), ours.getShortLE(3));
        assertEquals(0x0102030405060708L, ours.getLong(19));
        assertTrue(ByteBufUtil.equals(ref, ours));
        ours.release();
        ref.release();
        assertEquals(0, alloc.zones().used());
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void growingMovesToALargerClassAndFreesTheOldItem(Layout layout) {
        ZoneByteBufAllocator alloc = allocator(layout);
        ByteBuf b = alloc.heapBuffer(64);
        byte[] data = new byte[5000];
        new Random(42).nextBytes(data);
        b.writeBytes(data);
        assertTrue(b.capacity() >= 5000);
        assertEquals(1, alloc.zones().used(), "only the current item is allocated");
        assertEquals(1, alloc.zones().zoneFor(b.capacity()).stats().used());
        byte[] back = new byte[5000];
        b.getBytes(0, back);
        assertArrayEquals(data, back);
        b.capacity(10); // shrink keeps the item
        assertEquals(10, b.capacity());
        assertEquals(10, b.writerIndex());
        assertTrue(b.release());
        assertEquals(0, alloc.zones().used());
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void nioViewsHonourTheArrayOffset(Layout layout) {
        ZoneByteBufAllocator alloc = allocator(layout);
        ByteBuf b = alloc.heapBuffer(32);
        b.writeBytes(new byte[] {1, 2, 3, 4});
        ByteBuffer nio = b.nioBuffer(1, 2);
        assertEquals(2, nio.get(0));
        assertEquals(3, nio.get(1));
        ByteBuffer in = b.internalNioBuffer(2, 2);
        assertEquals(3, in.get(in.position()));
        b.setBytes(0, ByteBuffer.wrap(new byte[] {9}));
        assertEquals(9, b.array()[b.arrayOffset()]);
        ByteBuf copy = b.copy(1, 3);
        assertEquals(2, copy.getByte(0));
        b.setByte(1, 7);
        assertEquals(2, copy.getByte(0), "a copy does not share bytes");
        copy.release();
        b.release();
        assertEquals(0, alloc.zones().used());
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void refCountingFollowsNetty(Layout layout) {
        ZoneByteBufAllocator alloc = allocator(layout);
        ByteBuf b = alloc.heapBuffer(128);
        ByteBuf slice = b.retainedSlice(0, 10);
        assertEquals(2, b.refCnt());
        assertFalse(b.release());
        assertEquals(1, alloc.zones().used(), "a retained slice keeps the item");
        assertTrue(slice.release());
        assertEquals(0, b.refCnt());
        assertEquals(0, alloc.zones().used());
        IllegalReferenceCountException e = assertThrows(IllegalReferenceCountException.class, () -> b.getByte(0));
        assertEquals("refCnt: 0", e.getMessage());
        e = assertThrows(IllegalReferenceCountException.class, b::release);
        assertEquals("refCnt: 0, decrement: 1", e.getMessage());
        assertThrows(IllegalReferenceCountException.class, () -> b.release(2));
        assertThrows(IllegalReferenceCountException.class, b::retain);
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void requestsAboveTheLargestClassUseAPlainArray(Layout layout) {
        ZoneByteBufAllocator alloc = allocator(layout);
        ByteBuf b = alloc.heapBuffer(100_000);
        assertNull(unwrap(b).storage());
        assertEquals(100_000, b.array().length);
        assertEquals(1, alloc.zones().fallbacks());
        b.writerIndex(100_000);
        ReferenceCountUtil.release(b);
        assertEquals(0, alloc.zones().used());
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void buffersAreHeapAndDirectGoesToTheDelegate(Layout layout) {
        ZoneByteBufAllocator alloc = allocator(layout);
        ByteBuf io = alloc.ioBuffer(1024);
        ByteBuf any = alloc.buffer(10);
        ByteBuf direct = alloc.directBuffer(10);
        assertFalse(io.isDirect());
        assertFalse(any.isDirect());
        assertTrue(direct.isDirect());
        assertSame(PooledByteBufAllocator.DEFAULT, direct.alloc());
        assertSame(alloc, io.alloc());
        assertEquals(1024 + 64, alloc.metric().usedHeapMemory(), "the 1024 B and 64 B classes are in use");
        io.release();
        any.release();
        direct.release();
        assertEquals(0, alloc.metric().usedHeapMemory());
    }
}
