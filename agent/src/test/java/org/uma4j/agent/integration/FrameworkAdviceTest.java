package org.uma4j.agent.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;
import org.uma4j.agent.bridge.FrameworkHooks;

/** The advice is inserted where GUIDE says, only into the two target classes, and a bad class file is left alone. */
class FrameworkAdviceTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final FrameworkAdvice both = new FrameworkAdvice(true, true, new PrintStream(log, true, StandardCharsets.UTF_8));

    @Test
    void matchesTheTwoTargetsByExactNameAndOnlyWhenEnabled() {
        assertTrue(both.matches("io/netty/channel/DefaultChannelConfig"));
        assertTrue(both.matches("org/eclipse/jetty/server/Server"));
        assertTrue(!both.matches("io/netty/channel/DefaultChannelConfig$1"));
        FrameworkAdvice nettyOnly = new FrameworkAdvice(true, false, System.err);
        assertTrue(!nettyOnly.matches("org/eclipse/jetty/server/Server"));
        assertNull(both.transform(getClass().getClassLoader(), "com/acme/Foo", null, null, new byte[] {1}));
        assertNull(both.transform(null, FrameworkAdvice.NETTY_CONFIG, null, null, new byte[] {1}), "boot classes");
    }

    @Test
    void everyConstructorReturnCallsTheNettyHook() throws Exception {
        byte[] out = FrameworkAdvice.advise(classFile(TwoConstructors.class), true);
        List<String> calls = hookCalls(out);
        assertEquals(List.of("<init>(I)V -> nettyConfig", "<init>()V -> nettyConfig"), calls);
    }

    @Test
    void theAdvisedConstructorVerifiesRunsAndPassesItsClassAndThis() throws Exception {
        byte[] out = FrameworkAdvice.advise(classFile(TwoConstructors.class), true);
        Class<?> advised = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass(TwoConstructors.class.getName(), out, 0, out.length);
            }
        }.define();
        List<Object> seen = new ArrayList<>();
        FrameworkHooks.nettyConfig = (c, o) -> {
            seen.add(c);
            seen.add(o);
        };
        try {
            java.lang.reflect.Constructor<?> k = advised.getDeclaredConstructor();
            k.setAccessible(true); // another loader: another run-time package
            Object o = k.newInstance();
            assertEquals(List.of(advised, o, advised, o), seen, "both constructors returned through the hook");
        } finally {
            FrameworkHooks.nettyConfig = null;
        }
    }

    @Test
    void doStartCallsTheJettyHookOnce() throws Exception {
        byte[] out = FrameworkAdvice.advise(classFile(HasDoStart.class), false);
        assertEquals(List.of("doStart()V -> jettyServer"), hookCalls(out));
    }

    @Test
    void aBrokenClassFileIsLeftAloneWithOneLine() {
        assertNull(both.transform(getClass().getClassLoader(), FrameworkAdvice.JETTY_SERVER, null, null, new byte[] {1, 2}));
        String line = log.toString(StandardCharsets.UTF_8).trim();
        assertTrue(line.startsWith("uma4j: cannot instrument org.eclipse.jetty.server.Server ("), line);
        assertTrue(line.endsWith("jetty=on has no effect"), line);
    }

    @Test
    void theIntegrationLoaderSendsUma4jToTheAgentAndReportsMissingResources() throws Exception {
        ClassLoader agent = getClass().getClassLoader();
        IntegrationLoader l = new IntegrationLoader(ClassLoader.getPlatformClassLoader(), agent);
        assertSame(FrameworkAdvice.class, l.loadClass(FrameworkAdvice.class.getName()), "agent classes are the agent's");
        assertSame(String.class, l.loadClass("java.lang.String"));
        ClassNotFoundException e = org.junit.jupiter.api.Assertions.assertThrows(ClassNotFoundException.class,
                () -> l.loadClass("org.uma4j.integration.Missing"));
        assertTrue(e.getMessage().contains("META-INF/uma4j/integrations/org/uma4j/integration/Missing.class"), e.getMessage());
    }

    private static byte[] classFile(Class<?> c) throws Exception {
        try (var in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
            assertNotNull(in);
            return in.readAllBytes();
        }
    }

    /** Each bridge call as "method(desc) -> hook", in order; also checks the pushed class constant. */
    private static List<String> hookCalls(byte[] classFile) {
        List<String> out = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String m, String d, boolean itf) {
                        if (owner.equals("org/uma4j/agent/bridge/FrameworkHooks")) {
                            assertEquals("(Ljava/lang/Class;Ljava/lang/Object;)V", d);
                            out.add(name + desc + " -> " + m);
                        }
                    }
                };
            }
        }, 0);
        return out;
    }

    /** Stands in for DefaultChannelConfig: one constructor delegates to the other. */
    static final class TwoConstructors {
        final int n; // set by both constructors

        TwoConstructors(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("n: " + n + " (expected: >= 0)");
            }
            this.n = n;
        }

        TwoConstructors() {
            this(1);
        }
    }

    /** Stands in for Server. */
    static class HasDoStart {
        protected void doStart() throws Exception {
            if (System.nanoTime() == 0) {
                return;
            }
        }
    }
}
