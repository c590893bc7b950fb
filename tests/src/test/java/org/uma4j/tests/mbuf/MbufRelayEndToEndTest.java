package org.uma4j.tests.mbuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@code MbufRelay} sample in a child JVM, one JVM per configuration, and checks it
 * from the user's side: exit code, the {@code netstat -m} it prints, and stderr.
 */
class MbufRelayEndToEndTest {
    private static final long TIMEOUT_S = 45;

    @TempDir
    Path dir;

    /** The child's result. */
    private record Run(int exit, String out, String err) {
    }

    private Run run(List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.uma4j.samples.MbufRelay");
        cmd.addAll(List.of(args));
        File out = dir.resolve("out.txt").toFile();
        File err = dir.resolve("err.txt").toFile();
        Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("MbufRelay still running after " + TIMEOUT_S + " s: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    private static long[] numbers(String out, String suffix) {
        Matcher m = Pattern.compile("(?m)^([0-9/]+)K? ?[^\\n]*" + Pattern.quote(suffix)).matcher(out);
        assertTrue(m.find(), "no line ending in \"" + suffix + "\" in:\n" + out);
        String[] parts = m.group(1).split("/");
        long[] r = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            r[i] = Long.parseLong(parts[i]);
        }
        return r;
    }

    @Test
    void relayEchoesEveryByteAndReturnsAllMemory() throws Exception {
        Run r = run(List.of(), "--clients", "4", "--messages", "200", "--size", "5000", "--timeout-s", "30");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("MbufRelay: OK"), r.out());
        assertEquals(0, numbers(r.out(), "mbufs in use (current/cache/total)")[0]);
        assertEquals(0, numbers(r.out(), "mbuf clusters in use (current/cache/total/max)")[0]);
        assertEquals(0, numbers(r.out(), "mbuf+clusters out of packet secondary zone in use (current/cache)")[0]);
        assertEquals(0, numbers(r.out(), "requests for mbufs denied (mbufs/clusters/mbuf+clusters)")[2]);
        assertEquals("", r.err());
    }

    @Test
    void aTinyClusterLimitMeansBackPressureNotFailure() throws Exception {
        Run r = run(List.of("-Duma4j.nmbclusters=4"), "--clients", "8", "--messages", "150", "--size", "9000",
                "--timeout-s", "30");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("MbufRelay: OK"), r.out());
        long[] clusters = numbers(r.out(), "mbuf clusters in use (current/cache/total/max)");
        assertEquals(0, clusters[0]);
        assertEquals(4, clusters[3], "the limit from -Duma4j.nmbclusters");
        assertTrue(numbers(r.out(), "requests for mbufs denied (mbufs/clusters/mbuf+clusters)")[2] > 0,
                "getcl was denied at the limit:\n" + r.out());
        assertTrue(r.err().matches("(?s).*uma4j: \\[zone: (cluster|packet)\\] uma4j.nmbclusters limit reached.*"), r.err());
    }

    @Test
    void aBadOptionIsNamedOnOneLine() throws Exception {
        Run r = run(List.of(), "--clients", "many");
        assertEquals(64, r.exit());
        assertEquals("MbufRelay: --clients: many (expected: an integer >= 0)", r.err().strip());
        Run p = run(List.of("-Duma4j.nmbclusters=lots"), "--clients", "1", "--messages", "1");
        assertTrue(p.exit() != 0);
        assertTrue(p.err().contains("uma4j.nmbclusters: \"lots\" (expected: an integer >= 0, 0 for no limit)"), p.err());
    }
}
