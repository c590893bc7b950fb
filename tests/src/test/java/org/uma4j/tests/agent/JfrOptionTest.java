package org.uma4j.tests.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jfr=<path>} records with the named settings and dumps the recording at exit. */
class JfrOptionTest {

    @TempDir
    Path dir;

    @Test
    void recordingIsWrittenAtExit() throws Exception {
        Path recording = dir.resolve("app.jfr");
        ChildJvm.Result r = ChildJvm.java().agent("jfr=" + recording + ",jfr.settings=default").runApp();
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.size(recording) > 0, "recording written");
        try (InputStream in = Files.newInputStream(recording)) {
            assertArrayEquals("FLR\0".getBytes(StandardCharsets.ISO_8859_1), in.readNBytes(4), "a JFR chunk header");
        }
    }

    @Test
    void umastatReadsTheCallSitesOfARecordingMadeWithUma4jSettings() throws Exception {
        Path recording = dir.resolve("sites.jfr");
        Process app = ChildJvm.java().agent("jfr=" + recording).startApp("sleep");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("app-ok", out.readLine());
            Thread.sleep(2_200); // call-site statistics are written every second
        } finally {
            app.getOutputStream().close();
            app.waitFor();
        }
        ChildJvm.Result r = ChildJvm.java().runAgentJar("umastat", recording.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("org.uma4j.tests.agent.AgentTestApp.work(AgentTestApp.java:"), r.toString());
        assertTrue(r.out().contains("heap-2048"), r.toString());
    }

    /** A run shorter than the statistics' second: JFR writes the last round as it dumps at exit. */
    @Test
    void aRunShorterThanThePeriodStillRecordsItsCallSites() throws Exception {
        Path recording = dir.resolve("short.jfr");
        ChildJvm.Result app = ChildJvm.java().agent("jfr=" + recording).runApp();
        assertEquals(0, app.exit(), app.toString());
        ChildJvm.Result r = ChildJvm.java().runAgentJar("umastat", recording.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("org.uma4j.tests.agent.AgentTestApp.work(AgentTestApp.java:"), r.toString());
        assertTrue(r.out().contains("heap-2048"), r.toString());
    }

    /** The accounting zones ({@code heap-2048}, ...) of a recording are the JSON report's, count for count. */
    @Test
    void umastatShowsTheSameAccountingZonesFromTheRecordingAsFromTheReport() throws Exception {
        Path recording = dir.resolve("zones.jfr");
        Path report = dir.resolve("zones.json");
        ChildJvm.Result app = ChildJvm.java().agent("jfr=" + recording + ",report=" + report + ",sample=1,sampleRate=0")
                .runApp();
        assertEquals(0, app.exit(), app.toString());
        ChildJvm.Result fromJfr = ChildJvm.java().runAgentJar("umastat", recording.toString());
        ChildJvm.Result fromJson = ChildJvm.java().runAgentJar("umastat", report.toString());
        assertEquals(0, fromJfr.exit(), fromJfr.toString());
        assertEquals(0, fromJson.exit(), fromJson.toString());
        List<String> jfrZones = accountingZones(fromJfr.out());
        assertTrue(jfrZones.stream().anyMatch(z -> z.startsWith("heap-2048 ")), "the recording's zone table: " + fromJfr.out());
        assertEquals(accountingZones(fromJson.out()), jfrZones, fromJfr.out() + "\n---\n" + fromJson.out());
        assertEquals(sites(fromJson.out()), sites(fromJfr.out()), "the same sites, with their calls: " + fromJfr.out());
    }

    /** The top call sites of umastat's output: count, bytes, call and site (live estimates may differ in time). */
    private static List<String> sites(String umastat) {
        List<String> lines = umastat.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.trim().startsWith("COUNT")).findFirst().orElseThrow());
        return lines.subList(header + 1, lines.size()).stream().takeWhile(l -> !l.isBlank()).map(l -> {
            String[] c = l.trim().split("\\s+");
            return c[0] + " " + c[1] + " " + c[3] + " " + c[4];
        }).toList();
    }

    /** The accounting zone rows of umastat's zone table: name, size, requests and bytes (live estimates may differ in time). */
    private static List<String> accountingZones(String umastat) {
        return umastat.lines().filter(l -> l.matches("(heap|direct|wrap)-\\d+:.*")).map(l -> {
            String[] c = l.split("[:,]?\\s+");
            return c[0] + " " + c[1] + " " + c[5] + " " + c[8];
        }).toList();
    }

    @Test
    void umastatPrintsNetstatOfTheMbufFamilyFromAJsonReport() throws Exception {
        Path report = dir.resolve("mbufs.json");
        Process app = ChildJvm.java().agent("report=" + report).start(MbufTestApp.class);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("app-ok", out.readLine());
        } finally {
            app.getOutputStream().close();
            app.waitFor();
        }
        ChildJvm.Result r = ChildJvm.java().runAgentJar("umastat", report.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("6/"), r.toString());
        assertTrue(r.out().contains("mbuf+clusters out of packet secondary zone in use (current/cache)"), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("6/") && l.endsWith("mbufs in use (current/cache/total)")),
                "six getcl pairs still held: " + r.out());
    }

    @Test
    void umastatPrintsNetstatOfTheMbufFamilyFromARecording() throws Exception {
        Path recording = dir.resolve("mbufs.jfr");
        Process app = ChildJvm.java().agent("jfr=" + recording).start(MbufTestApp.class);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("app-ok", out.readLine());
            Thread.sleep(2_200); // mbuf and zone statistics are written every second
        } finally {
            app.getOutputStream().close();
            app.waitFor();
        }
        ChildJvm.Result r = ChildJvm.java().runAgentJar("umastat", recording.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("\nmbuf:"), r.toString());
        assertTrue(r.out().contains("mbuf clusters in use"), r.toString());
    }

    @Test
    void unknownSettingsPrintOneLineAndTheAppRuns() {
        ChildJvm.Result r = ChildJvm.java().agent("jfr=" + dir.resolve("x.jfr") + ",jfr.settings=nonesuch").runApp();
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("app-ok"), r.toString());
        List<String> err = r.errLines();
        assertEquals(1, err.size(), r.toString());
        assertTrue(err.get(0).startsWith("uma4j: cannot start the JFR recording for jfr="), r.toString());
    }
}
