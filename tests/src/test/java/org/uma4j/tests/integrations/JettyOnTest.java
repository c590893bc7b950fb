package org.uma4j.tests.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uma4j.tests.agent.ChildJvm;

/** {@code jetty=on}: an unmodified Jetty server takes its heap buffers from uma4j zones. */
class JettyOnTest {

    @TempDir
    Path dir;

    @Test
    void echoTrafficIsCorrectAndServedFromJettyZones() throws Exception {
        Path report = dir.resolve("r.json");
        ChildJvm.Result r = FrameworkRuns.run(ChildJvm.java(), "jetty=on,report=" + report, JettyEchoApp.class);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("app-ok"), r.toString());
        assertEquals(List.of(), FrameworkRuns.uma4jLines(r), r.toString());
        JsonNode json = FrameworkRuns.report(report);
        assertEquals("on", json.at("/config/jetty").asText());
        List<JsonNode> zones = FrameworkRuns.zonesUsed(json, "jetty");
        FrameworkRuns.assertFrameworkIoInZones(zones, "jetty");
        assertTrue(zones.stream().anyMatch(z -> z.get("name").asText().equals("jetty-64")
                && z.get("requests").asLong() >= JettyEchoApp.REQUESTS), "a scratch record at least per request: " + zones);
    }

    @Test
    void writeAfterReleaseIsCaughtAndFailsTheRun() throws Exception {
        seededBugIsCaught(ChildJvm.java());
    }

    @Test
    void writeAfterReleaseIsCaughtOnJdk25() throws Exception {
        assumeTrue(FrameworkRuns.jdk25Present(), "no JDK 25");
        seededBugIsCaught(ChildJvm.java(System.getProperty("uma4j.jdk25.home")));
    }

    @Test
    void cleanRunWithEveryDetectorHasNoFindings() throws Exception {
        Path report = dir.resolve("r.json");
        ChildJvm.Result r = FrameworkRuns.run(ChildJvm.java(), "jetty=on,debug=full,failOnFindings=true,report="
                + report, JettyEchoApp.class);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("app-ok"), r.toString());
        assertEquals(List.of(), FrameworkRuns.uma4jLines(r), r.toString());
        JsonNode json = FrameworkRuns.report(report);
        assertEquals(0, json.get("findings").size(), json.get("findings").toString());
        FrameworkRuns.zonesUsed(json, "jetty");
    }

    private void seededBugIsCaught(ChildJvm jvm) throws Exception {
        Path report = dir.resolve("r.json");
        ChildJvm.Result r = FrameworkRuns.run(jvm, "jetty=on,debug=full,failOnFindings=true,report=" + report,
                JettyEchoApp.class, "write-after-release");
        FrameworkRuns.assertModifiedAfterFree(r, report, "jetty", JettyEchoApp.RecordEchoHandler.class);
    }
}
