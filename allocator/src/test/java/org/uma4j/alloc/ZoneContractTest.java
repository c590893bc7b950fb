package org.uma4j.alloc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The zone contract, run against both keg layouts and every zone kind. */
class ZoneContractTest {

    /** How a test gets a fresh zone of 2 KiB buffers in its own registry. */
    record Kind(String label, BiFunction<ZoneRegistry, Integer, Zone<Buf>> make) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                new Kind("packed", (r, s) -> Zone.builder("z", s).registry(r).build()),
                new Kind("per-item", (r, s) -> Zone.builder("z", s).layout(Layout.PER_ITEM).registry(r).build()),
                new Kind("refcounted", (r, s) -> Zone.builder("z", s).refcount().registry(r).build()),
                new Kind("views", (r, s) -> Zone.builder("z", s).generationHandles().registry(r).build()),
                new Kind("secondary", (r, s) -> {
                    Zone<Buf> primary = Zone.builder("primary", s).registry(r).build();
                    return primary.secondary("z").build();
                }),
                new Kind("tiny-buckets", (r, s) -> Zone.builder("z", s).buckets(1, 2).cacheBytes(0).registry(r).build()))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyAllocatedItemIsDistinctAndComesBack(Kind kind) {
        ZoneRegistry reg = new ZoneRegistry();
        Zone<Buf> z = kind.make.apply(reg, 2048);
        Set<Item> live = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Buf> held = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 700; i++) {
                Buf b = z.alloc(Zone.NOWAIT);
                assertNotNull(b);
                assertTrue(live.add(b.slot()), "item handed out twice: " + b);
                assertTrue(b.isAllocated());
                assertEquals(2048, b.capacity());
                held.add(b);
            }
            for (Buf b : held) {
                z.free(b);
                assertTrue(live.remove(b.slot()));
                assertFalse(b.isAllocated());
            }
            held.clear();
        }
        ZoneStats s = z.stats();
        assertEquals(0, s.used());
        assertEquals(2100, s.requests());
        assertEquals(0, s.fails());
        z.reclaim(Reclaim.DRAIN_CPU);
        assertEquals(0, z.keg().verify() - z.keg().freeItems(), "keg counts agree with bitsets");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void bufferViewsCoverExactlyTheItem(Kind kind) {
        Zone<Buf> z = kind.make.apply(new ZoneRegistry(), 300);
        Buf a = z.alloc();
        Buf b = z.alloc();
        byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        a.writeBytes(data, 0, 300);
        b.setByte(0, 0x55);
        byte[] back = new byte[300];
        a.readBytes(back, 0, 300);
        assertArrayEquals(data, back, "writing b must not touch a");
        ByteBuffer nio = a.byteBuffer();
        assertEquals(300, nio.remaining());
        assertEquals((byte) 7, nio.get(7));
        assertSame(nio, a.byteBuffer(), "the view is cached: no garbage");
        if (z.keg().geometry().layout() == Layout.PER_ITEM) {
            assertEquals(0, a.arrayOffset());
            assertEquals(300, a.array().length);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> a.setByte(300, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> a.writeByte(1));
        z.free(a);
        z.free(b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void indicesResetOnEveryAllocation(Kind kind) {
        Zone<Buf> z = kind.make.apply(new ZoneRegistry(), 64);
        Buf a = z.alloc();
        a.writeByte(1).writeByte(2);
        a.readByte();
        z.free(a);
        Buf again = z.alloc();
        assertEquals(0, again.readIndex());
        assertEquals(0, again.writeIndex());
        z.free(again);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void zeroFlagClearsTheBytes(Kind kind) {
        Zone<Buf> z = kind.make.apply(new ZoneRegistry(), 128);
        Buf a = z.alloc();
        a.setBytes(0, new byte[128], 0, 128);
        for (int i = 0; i < 128; i++) {
            a.setByte(i, 0x7f);
        }
        z.free(a);
        Buf b = z.alloc(Zone.WAITOK | Zone.ZERO);
        for (int i = 0; i < 128; i++) {
            assertEquals(0, b.getByte(i));
        }
        z.free(b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void duplicateFreeIsRefusedAndNeverCachesTwice(Kind kind) {
        Zone<Buf> z = kind.make.apply(new ZoneRegistry(), 512);
        Buf a = z.alloc();
        z.free(a);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> z.free(a));
        assertTrue(e.getMessage().startsWith("uma4j: "), e.getMessage());
        Buf x = z.alloc();
        Buf y = z.alloc();
        assertNotSame(x.slot(), y.slot(), "the item was cached once only");
        z.free(x);
        z.free(y);
        assertEquals(0, z.stats().used());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void freeToAnotherZoneIsRefused(Kind kind) {
        ZoneRegistry reg = new ZoneRegistry();
        Zone<Buf> z = kind.make.apply(reg, 512);
        Zone<Buf> other = Zone.builder("other", 512).registry(reg).build();
        Buf a = z.alloc();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.free(a));
        assertTrue(e.getMessage().contains("\"other\""), e.getMessage());
        assertTrue(a.isAllocated(), "a refused free leaves the item allocated");
        z.free(a);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void statsCountWhatHappened(Kind kind) {
        Zone<Buf> z = kind.make.apply(new ZoneRegistry(), 1024);
        List<Buf> held = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            held.add(z.alloc());
        }
        ZoneStats s = z.stats();
        assertEquals(50, s.used());
        assertEquals(50, s.requests());
        assertEquals(1024, s.size());
        assertTrue(s.slabs() >= 1);
        assertEquals(s.slabs() * z.keg().geometry().slabBytes(), s.slabBytes());
        for (Buf b : held) {
            z.free(b);
        }
        s = z.stats();
        assertEquals(0, s.used());
        assertTrue(s.free() >= 50, "freed items are cached or free in the keg: " + s);
        String table = Vmstat.render(List.of(s));
        assertTrue(table.startsWith("ITEM"), table);
        assertTrue(table.contains(s.name() + ":"), table);
    }
}
