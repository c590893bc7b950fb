package org.uma4j.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** umastat against golden files: a version-1 report and the table it prints. */
class UmastatTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path golden(String name) throws URISyntaxException {
        return Path.of(UmastatTest.class.getResource(name).toURI());
    }

    @Test
    void printsTheZoneTableTopSitesAndFindingsOfAVersionOneReport() throws Exception {
        assertEquals(0, run("umastat", golden("report-v1.json").toString(), "--top", "2"));
        String expected;
        try (InputStream in = UmastatTest.class.getResourceAsStream("umastat-v1.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jsonPrintsTheReportItself() throws Exception {
        assertEquals(0, run("umastat", "--json", golden("report-v1.json").toString()));
        ObjectMapper m = new ObjectMapper();
        assertEquals(m.readTree(golden("report-v1.json").toFile()), m.readTree(out.toString(StandardCharsets.UTF_8)));
    }

    @Test
    void missingFileIsOneLineAndStatusTwo(@TempDir Path dir) {
        Path missing = dir.resolve("none.json");
        assertEquals(2, run("umastat", missing.toString()));
        assertEquals("umastat: " + missing + ": no such file (expected: a uma4j JSON report or a pid)\n",
                err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void notAReportNamesTheMissingKey(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("x.json"), "{\"config\":{},\"zones\":[]}");
        assertEquals(2, run("umastat", f.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not a uma4j report (missing key 'sites'"));
    }

    @Test
    void malformedJsonIsOneLine(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("x.json"), "{\"config\":");
        assertEquals(2, run("umastat", f.toString()));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.startsWith("umastat: " + f + ": cannot read a JSON report ("), e);
        assertEquals(1, e.split("\n").length);
    }

    @Test
    void aBrokenRecordingIsOneLineWithStatusTwo(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve("app.data"), new byte[] {'F', 'L', 'R', 0, 0, 2, 0, 1});
        assertEquals(2, run("umastat", f.toString()));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.startsWith("umastat: " + f + ": cannot read the recording ("), e);
        assertEquals(1, e.split("\n").length, e);
    }

    @Test
    void badUsageIsStatusTwo() {
        assertEquals(2, run());
        assertEquals(2, run("vmstat"));
        assertEquals(2, run("umastat"));
        assertEquals(2, run("umastat", "--frobnicate", "r.json"));
        assertEquals(2, run("umastat", "--top", "x", "r.json"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option '--frobnicate' (expected: --json, --top <n>)"));
    }
}
