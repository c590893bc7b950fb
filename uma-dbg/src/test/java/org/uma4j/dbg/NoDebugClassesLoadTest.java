package org.uma4j.dbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Zone;

/**
 * With no hooks installed, the allocator must not load any class of the layers above it: the
 * debug SPI costs one null check and nothing else.
 */
class NoDebugClassesLoadTest {
    private static final List<String> FORBIDDEN = List.of("org.uma4j.dbg.", "org.uma4j.jfr.", "jdk.jfr.",
            "net.bytebuddy.");

    /** Child-first for uma4j classes, so every class the allocator names is requested here and recorded. */
    static final class TrackingLoader extends URLClassLoader {
        final Set<String> requested = ConcurrentHashMap.newKeySet();

        TrackingLoader(URL... urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && name.startsWith("org.uma4j.")) {
                    c = findClass(name);
                }
                if (c == null) {
                    c = super.loadClass(name, false);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        List<String> forbidden() {
            return requested.stream().filter(n -> FORBIDDEN.stream().anyMatch(n::startsWith)).sorted()
                    .collect(Collectors.toList());
        }
    }

    private static TrackingLoader loader() {
        return new TrackingLoader(Zone.class.getProtectionDomain().getCodeSource().getLocation(),
                UmaDbg.class.getProtectionDomain().getCodeSource().getLocation());
    }

    /** Builds a zone through {@code loader}, optionally passing it through {@code configure}, and exercises it. */
    private static void exercise(ClassLoader loader, boolean withDebug) throws Exception {
        Class<?> zoneC = loader.loadClass("org.uma4j.alloc.Zone");
        Object b = zoneC.getMethod("builder", String.class, int.class).invoke(null, "z", 256);
        Class<?> builderC = b.getClass();
        builderC.getMethod("refcount").invoke(b);
        builderC.getMethod("generationHandles").invoke(b);
        builderC.getMethod("registry", loader.loadClass("org.uma4j.alloc.ZoneRegistry"))
                .invoke(b, loader.loadClass("org.uma4j.alloc.ZoneRegistry").getConstructor().newInstance());
        if (withDebug) {
            Class<?> cfg = loader.loadClass("org.uma4j.dbg.DebugConfig");
            Object config = cfg.getMethod("parse", String.class).invoke(null, "level=basic");
            Object dbg = loader.loadClass("org.uma4j.dbg.UmaDbg").getMethod("create", cfg).invoke(null, config);
            dbg.getClass().getMethod("configure", builderC).invoke(dbg, b);
        }
        Object zone = builderC.getMethod("build").invoke(b);
        Method alloc = zoneC.getMethod("alloc", int.class);
        Method allocLength = zoneC.getMethod("allocLength", int.class, int.class, int.class);
        Class<?> itemC = loader.loadClass("org.uma4j.alloc.Item");
        for (int i = 0; i < 100; i++) {
            Object buf = i % 2 == 0 ? alloc.invoke(zone, 1) : allocLength.invoke(zone, 10, 1, 7);
            itemC.getMethod("retain").invoke(buf);
            itemC.getMethod("release").invoke(buf);
            itemC.getMethod("release").invoke(buf);
        }
        zoneC.getMethod("stats").invoke(zone);
        zoneC.getMethod("reclaim", loader.loadClass("org.uma4j.alloc.Reclaim"))
                .invoke(zone, loader.loadClass("org.uma4j.alloc.Reclaim").getEnumConstants()[2]);
    }

    @Test
    void theAllocatorWithNoHooksLoadsNoDebugJfrOrAgentClass() throws Exception {
        try (TrackingLoader l = loader()) {
            exercise(l, false);
            assertTrue(l.requested.size() > 10, "the scan saw the allocator's classes: " + l.requested);
            assertTrue(l.requested.contains("org.uma4j.alloc.Zone"));
            assertEquals(List.of(), l.forbidden());
        }
    }

    @Test
    void negativeControlTheScanSeesTheDebugLayerWhenItIsUsed() throws Exception {
        try (TrackingLoader l = loader()) {
            exercise(l, true);
            assertTrue(l.forbidden().contains("org.uma4j.dbg.ZoneHooks"), l.forbidden()::toString);
            assertTrue(l.forbidden().size() >= 5, l.forbidden()::toString);
        }
    }
}
