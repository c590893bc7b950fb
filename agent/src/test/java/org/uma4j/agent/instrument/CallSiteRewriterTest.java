package org.uma4j.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uma4j.agent.account.Accounting;
import org.uma4j.agent.account.CallKind;
import org.uma4j.agent.account.Site;
import org.uma4j.agent.account.SiteRegistry;
import org.uma4j.agent.account.SizeClass;
import org.uma4j.agent.account.SizeClassCounters;
import org.uma4j.agent.bridge.BufferHooks;

/** Rewrites {@link RewriteFixture} and checks buffers, exceptions, sites and counts. */
class CallSiteRewriterTest {

    private static final String FIXTURE = RewriteFixture.class.getName();

    private SiteRegistry registry;
    private Accounting accounting;
    private Class<?> rewritten;

    @BeforeEach
    void rewriteFixture() throws Exception {
        registry = new SiteRegistry();
        accounting = new Accounting(registry, 1);
        byte[] original = classFile(RewriteFixture.class);
        byte[] bytes = new CallSiteRewriter(registry).rewrite(original);
        assertNotNull(bytes, "the fixture has calls to rewrite");
        rewritten = new OneClassLoader(FIXTURE, bytes).loadClass(FIXTURE);
        accounting.install();
    }

    @AfterEach
    void clearRecorder() {
        accounting.uninstall();
    }

    @Test
    void allocateReturnsTheSameKindOfBufferAsTheJdk() throws Exception {
        ByteBuffer b = (ByteBuffer) call("allocate", 100);
        ByteBuffer expected = RewriteFixture.allocate(100);
        assertEquals(expected.capacity(), b.capacity());
        assertEquals(0, b.position());
        assertEquals(100, b.limit());
        assertEquals(0, b.arrayOffset());
        assertEquals(100, b.array().length);
        assertEquals(ByteOrder.BIG_ENDIAN, b.order());
        assertFalse(b.isDirect());
        assertFalse(b.isReadOnly());
        assertEquals(expected, b); // all zero
        assertSame(expected.getClass(), b.getClass());
    }

    @Test
    void allocateDirectStaysDirect() throws Exception {
        ByteBuffer b = (ByteBuffer) call("allocateDirect", 64);
        assertTrue(b.isDirect());
        assertEquals(64, b.capacity());
        assertSame(ByteBuffer.allocateDirect(1).getClass(), b.getClass());
    }

    @Test
    void wrapAliasesTheCallersArray() throws Exception {
        byte[] a = {1, 2, 3, 4, 5, 6};
        ByteBuffer b = (ByteBuffer) call("wrap", (Object) a);
        assertSame(a, b.array());
        a[0] = 42;
        assertEquals(42, b.get(0)); // a view, not a copy
        ByteBuffer r = (ByteBuffer) call("wrapRange", a, 2, 3);
        assertSame(a, r.array());
        assertEquals(0, r.arrayOffset());
        assertEquals(2, r.position());
        assertEquals(5, r.limit());
        assertEquals(6, r.capacity());
    }

    @Test
    void readOnlyViewOfAWrapStaysReadOnly() throws Exception {
        byte[] a = {9, 8, 7};
        ByteBuffer v = (ByteBuffer) call("readOnlyView", (Object) a);
        assertTrue(v.isReadOnly());
        assertThrows(ReadOnlyBufferException.class, v::array);
        assertThrows(ReadOnlyBufferException.class, () -> v.put(0, (byte) 1));
        assertArrayEquals(a, toArray(v));
    }

    @Test
    void badArgumentsThrowTheJdkExceptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call("allocate", -1));
        IllegalArgumentException jdk = assertThrows(IllegalArgumentException.class, () -> ByteBuffer.allocate(-1));
        assertEquals(jdk.getMessage(), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> call("allocateDirect", -5));
        assertThrows(IndexOutOfBoundsException.class, () -> call("wrapRange", new byte[4], 3, 2));
        assertThrows(NullPointerException.class, () -> call("wrap", (Object) null));
        assertEquals(0, totalCount(), "failed calls are not accounted");
    }

    @Test
    void branchesAndWideValuesAroundTheCallStillVerify() throws Exception {
        assertEquals(RewriteFixture.loop(10), call("loop", 10));
        assertEquals(RewriteFixture.wide(7L, 2.5, 33), call("wide", 7L, 2.5, 33));
    }

    @Test
    void sitesCarryClassMethodFileLineAndKind() throws Exception {
        Map<String, Integer> lines = markerLines();
        Map<String, Site> byMethod = new HashMap<>();
        for (Site s : registry.sites()) {
            assertEquals(FIXTURE, s.className());
            assertEquals("RewriteFixture.java", s.file());
            assertFalse(s.probe());
            assertEquals(lines.get(s.method()), s.line(), s.toString());
            byMethod.putIfAbsent(s.method(), s);
        }
        assertEquals(CallKind.ALLOCATE, byMethod.get("allocate").kind());
        assertEquals(CallKind.ALLOCATE_DIRECT, byMethod.get("allocateDirect").kind());
        assertEquals(CallKind.WRAP, byMethod.get("wrap").kind());
        assertEquals(CallKind.WRAP_RANGE, byMethod.get("wrapRange").kind());
        assertEquals(lines.keySet(), byMethod.keySet(), "the method reference and duplicate() are not rewritten");
        assertEquals(2, registry.sites().stream().filter(s -> s.method().equals("loop")).count());
    }

    @Test
    void countsAndBytesGoToTheSiteAndSizeClass() throws Exception {
        for (int i = 0; i < 5; i++) {
            call("allocate", 2000);
        }
        call("allocate", 10);
        call("wrapRange", new byte[100], 10, 20);
        Site allocate = site("allocate");
        SizeClassCounters c2048 = allocate.countersIfUsed(SizeClass.of(2048));
        assertEquals(5, c2048.count());
        assertEquals(10_000, c2048.bytes());
        assertEquals(1, allocate.countersIfUsed(SizeClass.of(16)).count());
        SizeClassCounters wrap = site("wrapRange").countersIfUsed(SizeClass.of(20));
        assertEquals(1, wrap.count());
        assertEquals(20, wrap.bytes(), "a wrap accounts the wrapped length");
        call("methodReference", 8);
        assertEquals(7, totalCount(), "method references are not seen");
    }

    @Test
    void retransformingReusesSiteIds() throws Exception {
        int before = registry.sites().size();
        assertNotNull(new CallSiteRewriter(registry).rewrite(classFile(RewriteFixture.class)));
        assertEquals(before, registry.sites().size());
    }

    @Test
    void classWithoutFactoryCallsIsLeftAlone() throws Exception {
        assertNull(new CallSiteRewriter(registry).rewrite(classFile(CallSiteRewriterTest.OneClassLoader.class)));
    }

    private Object call(String method, Object... args) throws Exception {
        for (Method m : rewritten.getMethods()) {
            if (m.getName().equals(method)) {
                try {
                    return m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw (Exception) e.getCause();
                }
            }
        }
        throw new AssertionError("no method " + method);
    }

    private Site site(String method) {
        return registry.sites().stream().filter(s -> s.method().equals(method)).findFirst().orElseThrow();
    }

    private long totalCount() {
        long n = 0;
        for (Site s : registry.sites()) {
            for (int sc = 0; sc < SizeClass.COUNT; sc++) {
                SizeClassCounters c = s.countersIfUsed(sc);
                n += c == null ? 0 : c.count();
            }
        }
        return n;
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** Lines of the {@code // SITE name} markers in the fixture's source, by method name. */
    private static Map<String, Integer> markerLines() throws IOException {
        List<String> src = Files.readAllLines(Path.of("src/test/java/org/uma4j/agent/instrument/RewriteFixture.java"));
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < src.size(); i++) {
            int at = src.get(i).indexOf("// SITE ");
            if (at >= 0) {
                out.put(src.get(i).substring(at + "// SITE ".length()).trim(), i + 1);
            }
        }
        assertEquals(7, out.size(), "marker scan found " + out);
        return out;
    }

    static byte[] classFile(Class<?> c) throws IOException {
        try (InputStream in = c.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Defines one class from given bytes and delegates every other name to its parent. */
    static final class OneClassLoader extends ClassLoader {
        private final String name;
        private final byte[] bytes;

        OneClassLoader(String name, byte[] bytes) {
            super(OneClassLoader.class.getClassLoader());
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
            if (!n.equals(name)) {
                return super.loadClass(n, resolve);
            }
            synchronized (getClassLoadingLock(n)) {
                Class<?> c = findLoadedClass(n);
                return c != null ? c : defineClass(n, bytes, 0, bytes.length);
            }
        }
    }
}
