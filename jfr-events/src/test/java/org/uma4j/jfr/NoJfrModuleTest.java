package org.uma4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;

/**
 * On a runtime without the {@code jdk.jfr} module (a jlink image), {@link UmaJfr} degrades to a
 * no-op: a child JVM started with {@code --limit-modules java.base} installs, allocates and
 * reads settings without a {@code NoClassDefFoundError}.
 */
class NoJfrModuleTest {

    /** The child's main: exits 0 and prints "ok" if everything degraded quietly. */
    public static void main(String[] args) throws Exception {
        if (ModuleLayer.boot().findModule("jdk.jfr").isPresent()) {
            throw new AssertionError("jdk.jfr is present; the test must run with --limit-modules");
        }
        check(!UmaJfr.isAvailable(), "isAvailable");
        check(!UmaJfr.install(), "install");
        check(!UmaJfr.isInstalled(), "isInstalled");
        UmaJfr.uninstall();
        UmaJfr.callSites(List::of);
        UmaJfr.sizeClasses(List::of);
        Zone<Buf> z = Zone.builder("no-jfr", 256).build();
        z.free(z.alloc(Zone.NOWAIT));
        try (java.io.Reader r = UmaJfr.openSettings("uma4j")) {
            check(r.read() == '<', "openSettings");
        }
        System.out.println("ok");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    @Test
    void degradesToANoOpWithoutTheJfrModule() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "--limit-modules", "java.base", "-cp", cp, NoJfrModuleTest.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertEquals("ok", out.strip(), out);
    }
}
