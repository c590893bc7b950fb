package org.uma4j.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Zone;
import org.uma4j.integration.jetty.JettyIntegration;
import org.uma4j.integration.netty.NettyIntegration;

/**
 * The agent may call the install hooks in an application without Netty or Jetty: they must
 * link, answer false at once, and load no class of either framework.
 */
class AbsentFrameworksTest {

    /** Sees uma4j's classes and the JDK only, and records every name asked for. */
    static final class NoFrameworksLoader extends URLClassLoader {
        final List<String> asked = new CopyOnWriteArrayList<>();

        NoFrameworksLoader() {
            super(new URL[] {location(NettyIntegration.class), location(Zone.class)},
                    ClassLoader.getPlatformClassLoader());
        }

        private static URL location(Class<?> c) {
            return c.getProtectionDomain().getCodeSource().getLocation();
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add(name);
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void hooksAnswerFalseAndLoadNoFrameworkClass() throws Exception {
        try (NoFrameworksLoader loader = new NoFrameworksLoader()) {
            Class<?> netty = Class.forName(NettyIntegration.class.getName(), true, loader);
            Class<?> jetty = Class.forName(JettyIntegration.class.getName(), true, loader);
            assertEquals(false, netty.getMethod("isAvailable").invoke(null));
            assertEquals(false, netty.getMethod("installAsDefault").invoke(null));
            assertEquals(false, netty.getMethod("applyTo", Object.class).invoke(null, new Object()));
            Object original = new Object();
            assertEquals(original, netty.getMethod("defaultAllocator", Object.class).invoke(null, original));
            assertEquals(false, jetty.getMethod("isAvailable").invoke(null));
            assertEquals(false, jetty.getMethod("installOn", Object.class).invoke(null, new Object()));
            assertEquals(null, jetty.getMethod("poolFor", Object.class).invoke(null, (Object) null));
            for (Class<?> c : new Class<?>[] {netty, jetty}) {
                for (Method m : c.getMethods()) { // resolves every public signature
                    Class<?> r = m.getReturnType();
                    assertTrue(r.getName().startsWith("java.") || r.isPrimitive(), m.toString());
                }
            }

            List<String> frameworkClasses = loader.asked.stream()
                    .filter(n -> n.startsWith("io.netty.") || n.startsWith("org.eclipse.jetty."))
                    .filter(n -> !n.equals("io.netty.buffer.AbstractByteBufAllocator")
                            && !n.equals("org.eclipse.jetty.io.RetainableByteBuffer$Mutable")) // the probes
                    .toList();
            assertTrue(frameworkClasses.isEmpty(), "framework classes asked for: " + frameworkClasses);
            assertTrue(loader.asked.contains("io.netty.buffer.AbstractByteBufAllocator"), "the probe ran");
        }
    }

    @Test
    void sizeClassZonesWorkWithoutTheDebugLayerOnTheClassPath() throws Exception {
        try (NoFrameworksLoader loader = new NoFrameworksLoader()) { // uma-dbg is not on it either
            Class<?> bz = Class.forName(BufZones.class.getName(), true, loader);
            Object zones = bz.getConstructor(String.class).newInstance("nodbg");
            Object b = bz.getMethod("alloc", int.class, int.class).invoke(zones, 100, 0);
            assertTrue(b != null);
            assertEquals(false, bz.getMethod("skipCallerFrames", String[].class).invoke(zones, (Object) new String[0]));
            Class<?> buf = Class.forName("org.uma4j.alloc.Buf", false, loader);
            bz.getMethod("touch", buf, Object.class).invoke(zones, b, "x");
            assertTrue(loader.asked.contains("org.uma4j.dbg.UmaDbg"), "the lookup was tried");
        }
    }

    @Test
    void inThisClassPathBothAreAvailable() {
        assertTrue(NettyIntegration.isAvailable());
        assertTrue(JettyIntegration.isAvailable());
        assertFalse(NettyIntegration.isInstalled());
    }
}
