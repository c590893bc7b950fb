package org.uma4j.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Bad arguments get an exception whose message names the value and what was expected. */
class ZoneBadInputTest {
    private final ZoneRegistry reg = new ZoneRegistry();

    @Test
    void itemSize() {
        assertEquals("itemSize: 0 (expected: > 0)",
                assertThrows(IllegalArgumentException.class, () -> Zone.builder("a", 0)).getMessage());
        assertEquals("itemSize: -4 (expected: > 0)",
                assertThrows(IllegalArgumentException.class, () -> Zone.builder("a", -4)).getMessage());
    }

    @Test
    void names() {
        assertEquals("name: null (expected: a non-blank zone name)",
                assertThrows(IllegalArgumentException.class, () -> Zone.builder(null, 8)).getMessage());
        assertEquals("name: \" \" (expected: a non-blank zone name)",
                assertThrows(IllegalArgumentException.class, () -> Zone.builder(" ", 8)).getMessage());
        Zone.builder("dup", 8).registry(reg).build();
        String msg = assertThrows(IllegalArgumentException.class,
                () -> Zone.builder("dup", 16).registry(reg).build()).getMessage();
        assertEquals(true, msg.startsWith("name: \"dup\" (expected: a name not used by another zone;"), msg);
    }

    @Test
    void nullHooks() {
        ZoneBuilder<Buf> b = Zone.builder("h", 8);
        assertEquals("ctor", assertThrows(NullPointerException.class, () -> b.ctor(null)).getMessage());
        assertEquals("dtor", assertThrows(NullPointerException.class, () -> b.dtor(null)).getMessage());
        assertEquals("init", assertThrows(NullPointerException.class, () -> b.init(null)).getMessage());
        assertEquals("fini", assertThrows(NullPointerException.class, () -> b.fini(null)).getMessage());
        assertEquals("observer", assertThrows(NullPointerException.class, () -> b.observer(null)).getMessage());
    }

    @Test
    void limits() {
        assertEquals("limit: -1 (expected: >= 0, 0 for none)",
                assertThrows(IllegalArgumentException.class, () -> Zone.builder("l", 8).limit(-1)).getMessage());
        Zone<Buf> z = Zone.builder("l", 8).registry(reg).build();
        assertEquals("limit: -5 (expected: >= 0, 0 for none)",
                assertThrows(IllegalArgumentException.class, () -> z.setLimit(-5)).getMessage());
    }

    @Test
    void lengths() {
        Zone<Buf> z = Zone.builder("len", 100).registry(reg).build();
        assertEquals("length: 101 (expected: 0..100, the item size of zone \"len\")",
                assertThrows(IllegalArgumentException.class, () -> z.allocLength(101, Zone.NOWAIT, 0)).getMessage());
        Buf b = z.allocLength(10, Zone.NOWAIT, 0);
        assertEquals(10, b.capacity());
        assertThrows(IndexOutOfBoundsException.class, () -> b.setByte(10, 0));
        z.free(b);
    }

    @Test
    void buckets() {
        assertEquals("buckets: 0..4 (expected: 1 <= initial <= max)",
                assertThrows(IllegalArgumentException.class, () -> Zone.builder("b", 8).buckets(0, 4)).getMessage());
    }
}
