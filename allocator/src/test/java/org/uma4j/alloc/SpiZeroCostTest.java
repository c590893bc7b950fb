package org.uma4j.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * With no SPI installed the allocator loads nothing of the layers above it: a child-first
 * class loader defines the allocator's classes itself and records every class name they ask
 * for, while a workload builds zones, allocates, frees, reclaims and reads statistics.
 */
class SpiZeroCostTest {

    /** Defines org.uma4j.* classes itself and records every class requested through it. */
    static final class TrackingLoader extends ClassLoader {
        final Set<String> requested = ConcurrentHashMap.newKeySet();

        TrackingLoader() {
            super(SpiZeroCostTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && name.startsWith("org.uma4j.")) {
                    String path = name.replace('.', '/') + ".class";
                    try (InputStream in = getParent().getResourceAsStream(path)) {
                        if (in != null) {
                            byte[] bytes = in.readAllBytes();
                            c = defineClass(name, bytes, 0, bytes.length);
                        }
                    } catch (java.io.IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c != null ? c : super.loadClass(name, resolve);
            }
        }
    }

    /** The workload, run inside the tracking loader. */
    public static final class Workload implements Runnable {
        @Override
        public void run() {
            ZoneRegistry reg = new ZoneRegistry();
            Zone<Buf> z = Zone.builder("plain", 2048).registry(reg).limit(100).build();
            Zone<Buf> s = z.secondary("second").build();
            for (int i = 0; i < 10_000; i++) {
                Buf b = z.alloc(Zone.NOWAIT);
                b.writeByte(1);
                z.free(b);
                s.free(s.alloc());
            }
            reg.reclaim(Reclaim.DRAIN_CPU);
            Vmstat.render(reg.stats());
        }
    }

    @Test
    void allocatorWithoutSpisLoadsNoDebugJfrOrAgentClass() throws Exception {
        TrackingLoader loader = new TrackingLoader();
        Class<?> w = loader.loadClass(Workload.class.getName());
        assertEquals(loader, w.getClassLoader(), "the workload runs on the tracked allocator classes");
        ((Runnable) w.getDeclaredConstructor().newInstance()).run();
        List<String> forbidden = loader.requested.stream()
                .filter(n -> n.startsWith("org.uma4j.dbg") || n.startsWith("org.uma4j.jfr")
                        || n.startsWith("org.uma4j.agent") || n.startsWith("jdk.jfr") || n.startsWith("jdk.internal.event")
                        || n.startsWith("net.bytebuddy") || n.startsWith("com.fasterxml"))
                .sorted().collect(Collectors.toList());
        assertEquals(List.of(), forbidden, "classes of the layers above requested by the bare allocator");
        long allocatorClasses = loader.requested.stream().filter(n -> n.startsWith("org.uma4j.alloc.")).count();
        assertTrue(allocatorClasses >= 10, "the scan saw the allocator load (negative control): " + allocatorClasses);
    }
}
