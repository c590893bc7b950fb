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
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
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

/**
 * Rewrites {@link RewriteFixture} and checks buffers, exceptions, sites and counts; as compiled
 * (Java 17: each call passes its site's cell), and in {@link CallSiteRewriterJava8Test} as a
 * Java 8 class file (each call passes its site id).
 */
class CallSiteRewriterTest {

    private static final String FIXTURE = RewriteFixture.class.getName();

    private SiteRegistry registry;
    private Accounting accounting;
    private Class<?> rewritten;
    private byte[] rewrittenBytes;

    /** @return the class file version the fixture is rewritten at: as compiled (Java 17) here */
    int majorVersion() {
        return Opcodes.V17;
    }

    @BeforeEach
    void rewriteFixture() throws Exception {
        registry = new SiteRegistry();
        accounting = new Accounting(registry, 1);
        byte[] original = withMajorVersion(classFile(RewriteFixture.class), majorVersion());
        byte[] bytes = new CallSiteRewriter(registry).rewrite(original);
        rewrittenBytes = bytes;
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
    void aJava11ClassPassesItsSitesCellAndAnOlderOneTheSiteId() {
        int[] cells = new int[1];
        int[] ids = new int[1];
        new ClassReader(rewrittenBytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if (owner.equals(CallKind.Owners.BRIDGE)) {
                            int[] form = desc.contains(CallKind.Owners.SITE_CELL) ? cells : ids;
                            form[0]++;
                        }
                    }
                };
            }
        }, 0);
        boolean constants = majorVersion() >= Opcodes.V11;
        assertEquals(constants ? 8 : 0, cells[0], "calls that pass the cell, class file version " + majorVersion());
        assertEquals(constants ? 0 : 8, ids[0], "calls that pass the site id, class file version " + majorVersion());
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

    /** @return the fixture's class file as the rewriter returned it */
    byte[] rewrittenBytes() {
        return rewrittenBytes;
    }

    /** @return a class file's major version */
    static int majorVersionOf(byte[] classFile) {
        return (classFile[6] & 0xFF) << 8 | classFile[7] & 0xFF;
    }

    /** A copy of a class file with another major version; the minor version is kept (0). */
    static byte[] withMajorVersion(byte[] classFile, int major) {
        byte[] out = classFile.clone();
        out[6] = (byte) (major >>> 8);
        out[7] = (byte) major;
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
