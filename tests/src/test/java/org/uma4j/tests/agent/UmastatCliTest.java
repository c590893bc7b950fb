package org.uma4j.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar uma4j-agent.jar umastat} on a report written by the agent, and on a live pid. */
class UmastatCliTest {

    @TempDir
    Path dir;

    @Test
    void printsZonesAndTopSitesOfAReport() {
        Path report = dir.resolve("r.json");
        assertEquals(0, ChildJvm.java().agent("sample=1,report=" + report).runApp().exit());
        ChildJvm.Result r = ChildJvm.java().runAgentJar("umastat", report.toString(), "--top", "3");
        assertEquals(0, r.exit(), r.toString());
        String out = r.out();
        assertTrue(out.startsWith("ITEM "), out);
        assertTrue(out.contains("SIZE") && out.contains("LIMIT") && out.contains("USED") && out.contains("REQ"), out);
        assertTrue(out.contains("\nheap-2048:"), out);
        assertTrue(out.contains("\ndirect-4096:"), out);
        assertTrue(out.contains("TOP CALL SITES (by bytes; 3 of 7)"), out);
        assertTrue(out.contains("org.uma4j.tests.agent.AgentTestApp.work(AgentTestApp.java:"), out);
        assertTrue(out.contains("FINDINGS (0)"), out);
    }

    @Test
    void missingReportIsOneLineWithStatusTwo() {
        Path missing = dir.resolve("missing.json");
        ChildJvm.Result r = ChildJvm.java().runAgentJar("umastat", missing.toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals(List.of("umastat: " + missing + ": no such file (expected: a uma4j JSON report or a pid)"),
                r.errLines(), r.toString());
    }

    @Test
    void readsTheReportOfARunningJvmByPid() throws Exception {
        Process app = ChildJvm.java().agent("sample=1").startApp("sleep");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("app-ok", out.readLine());
            ChildJvm.Result r = ChildJvm.java().runAgentJar("umastat", Long.toString(app.pid()), "--top", "1");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().contains("\nheap-2048:"), r.toString());
            assertTrue(r.out().contains("AgentTestApp.work(AgentTestApp.java:"), r.toString());
        } finally {
            app.getOutputStream().close(); // the app exits when its standard input closes
            app.waitFor();
        }
    }

    @Test
    void readsTheReportOverJmxWithoutLoadingAnAgentIntoTheTarget() throws Exception {
        Process app = ChildJvm.java().agent("sample=1,jmx=true").startApp("sleep");
        String targetErr;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("app-ok", out.readLine());
            ChildJvm.Result r = ChildJvm.java().runAgentJar("umastat", Long.toString(app.pid()), "--json");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().contains("\"name\" : \"heap-2048\""), r.toString());
        } finally {
            app.getOutputStream().close();
            app.waitFor();
            targetErr = ChildJvm.Result.drain(app.getErrorStream());
        }
        assertFalse(targetErr.contains("loaded dynamically"), targetErr);
    }

    @Test
    void pidWithoutAgentIsOneLineWithStatusTwo() throws Exception {
        Process app = ChildJvm.java().startApp("sleep");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("app-ok", out.readLine());
            ChildJvm.Result r = ChildJvm.java().runAgentJar("umastat", Long.toString(app.pid()));
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.errLines().get(0).startsWith("umastat: pid " + app.pid() + " runs no uma4j agent"), r.toString());
        } finally {
            app.getOutputStream().close();
            app.waitFor();
        }
    }
}
