package org.uma4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;

/**
 * The two switches UmaJfr reads once at class initialisation, each checked in a child JVM
 * started with the property set: {@code uma4j.jfr.enabled=false} and
 * {@code uma4j.jfr.itemEvents=false}.
 */
class SystemPropertiesTest {

    /** The child's main: prints what it saw, one word per check. */
    public static void main(String[] args) throws Exception {
        boolean installed = UmaJfr.install();
        Zone<Buf> z = Zone.builder("props", 128).build();
        List<RecordedEvent> ev = Recorder.record(Map.of(), () -> {
            for (int i = 0; i < 10; i++) {
                z.free(z.alloc(Zone.NOWAIT));
            }
        });
        System.out.println("installed=" + installed + " items=" + Recorder.of(ev, Names.ITEM_ALLOCATION, "props").size()
                + " grows=" + Recorder.of(ev, Names.SLAB_GROW, "props").size());
    }

    private static String child(String property) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, property, "-cp", cp, SystemPropertiesTest.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }

    @Test
    void enabledFalseMakesInstallANoOp() throws Exception {
        assertEquals("installed=false items=0 grows=0", child("-Duma4j.jfr.enabled=false"));
    }

    @Test
    void itemEventsFalseKeepsThePerItemObserverOffButTheRestOn() throws Exception {
        assertEquals("installed=true items=0 grows=1", child("-Duma4j.jfr.itemEvents=false"));
    }
}
