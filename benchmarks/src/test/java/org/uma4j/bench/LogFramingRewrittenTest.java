package org.uma4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The agent's within-fork figure times {@link LogFramingRewritten} against
 * {@link LogFramingBenchmark}'s own operation: the two must compile to the same instructions,
 * or the figure would compare two workloads.
 */
class LogFramingRewrittenTest {

    /** {@code javap -c -p} of {@code type}'s class file. */
    private static String javap(Class<?> type) {
        ToolProvider javap = ToolProvider.findFirst("javap")
                .orElseThrow(() -> new IllegalStateException("javap: not found (expected: a JDK, not a JRE)"));
        StringWriter out = new StringWriter();
        String file = type.getResource(type.getSimpleName() + ".class").toString();
        int rc = javap.run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", file);
        assertEquals(0, rc, out.toString());
        return out.toString();
    }

    /**
     * The instructions of method {@code name}'s body in a listing, constant-pool indices and their
     * padding left out (each class numbers its own) and {@code owner} read as
     * {@code LogFramingBenchmark}.
     */
    private static List<String> body(String listing, String name, String owner) {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String line : listing.split("\n")) {
            if (line.matches("  static \\S+ " + name + "\\(.*")) {
                in = true;
            } else if (in && line.isBlank()) {
                break;
            } else if (in) {
                lines.add(line.replaceAll("#\\d+(:#\\d+)?", "#").replace(owner, "LogFramingBenchmark")
                        .replaceAll("\\s+", " ").strip()); // javap pads to the indices' width
            }
        }
        return lines;
    }

    @Test
    void theCopyCompilesToTheOriginalsInstructions() {
        String original = javap(LogFramingBenchmark.class);
        String copy = javap(LogFramingRewritten.class);
        for (String method : List.of("frameNext", "frame")) {
            List<String> expected = body(original, method, "LogFramingBenchmark");
            assertTrue(expected.size() > 10, method + ": " + expected.size() + " lines (expected: its listing)");
            assertEquals(expected, body(copy, method, "LogFramingRewritten"), method);
        }
    }

    @Test
    void bothFrameTheSameRecords() {
        LogFramingBenchmark.Log a = new LogFramingBenchmark.Log();
        LogFramingBenchmark.Log b = new LogFramingBenchmark.Log();
        a.setUp();
        b.setUp();
        for (int i = 0; i < 100; i++) {
            assertEquals(LogFramingBenchmark.frameNext(a), LogFramingRewritten.frameNext(b));
        }
        assertEquals(a.latest, b.latest);
    }
}
