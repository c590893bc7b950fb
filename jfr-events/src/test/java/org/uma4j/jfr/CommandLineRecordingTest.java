package org.uma4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneStats;

/**
 * The agent's path, end to end in a child JVM: {@code UmaJfr.install()} in {@code premain},
 * before {@code -XX:StartFlightRecording} initialises the recorder, with the shipped
 * {@code uma4j.jfc} extracted to a file; the recording written at exit reads back with
 * {@link RecordingReader}.
 */
class CommandLineRecordingTest {

    /** The child's agent: installs as the uma4j agent does, before any recording exists. */
    public static final class Agent {
        private Agent() {
        }

        /** The premain of the test agent. */
        public static void premain(String args, Instrumentation inst) {
            System.out.println("recorder initialised in premain: " + jdk.jfr.FlightRecorder.isInitialized());
            if (!UmaJfr.install()) {
                throw new IllegalStateException("install failed in premain");
            }
        }
    }

    /** The child's main: a zone that hits its limit, then one statistics period. */
    public static void main(String[] args) throws Exception {
        Zone<Buf> z = Zone.builder("cli", 1024).limit(2).build();
        Buf a = z.alloc(Zone.NOWAIT);
        Buf b = z.alloc(Zone.NOWAIT);
        if (z.alloc(Zone.NOWAIT) != null) {
            throw new AssertionError("limit 2 let a third item out");
        }
        z.free(a);
        Thread.sleep(1300); // one period of the 1 s statistics in uma4j.jfc
        z.free(b);
    }

    @Test
    void premainInstallThenCommandLineRecordingWithTheShippedSettings(@TempDir Path dir) throws Exception {
        Path jfc = UmaJfr.settingsFile("uma4j", dir.resolve("uma4j.jfc"));
        Path agent = dir.resolve("agent.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(new Attributes.Name("Premain-Class"), Agent.class.getName());
        try (OutputStream out = Files.newOutputStream(agent); JarOutputStream jar = new JarOutputStream(out, mf)) {
            jar.flush(); // the agent's classes come from -cp: the jar is its manifest
        }
        Path file = dir.resolve("app.jfr");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-javaagent:" + agent,
                "-XX:StartFlightRecording:settings=" + jfc + ",filename=" + file, "-cp", cp,
                CommandLineRecordingTest.class.getName()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);

        assertTrue(out.contains("recorder initialised in premain: false"), "the lazy path was taken: " + out);

        RecordingReader r = RecordingReader.read(file);
        assertEquals(1L, r.eventCounts().get(Names.LIMIT_REACHED), r.eventCounts() + "\n" + out);
        assertTrue(r.eventCounts().get(Names.SLAB_GROW) >= 1, r.eventCounts().toString());
        assertNull(r.eventCounts().get(Names.ITEM_ALLOCATION), "per-item events are off in uma4j.jfc");
        ZoneStats cli = r.zones().stream().filter(s -> s.name().equals("cli")).findFirst().orElseThrow();
        assertEquals(2, cli.limit());
        assertEquals(1, cli.fails());
        assertEquals(2, cli.requests());
    }
}
