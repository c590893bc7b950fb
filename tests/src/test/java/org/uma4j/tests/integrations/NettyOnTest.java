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

/** {@code netty=on}: an unmodified Netty echo app's channels take their heap buffers from uma4j zones. */
class NettyOnTest {

    @TempDir
    Path dir;

    @Test
    void echoTrafficIsCorrectAndServedFromNettyZones() throws Exception {
        Path report = dir.resolve("r.json");
        ChildJvm.Result r = FrameworkRuns.run(ChildJvm.java(), "netty=on,report=" + report, NettyEchoApp.class);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("app-ok"), r.toString());
        assertEquals(List.of(), FrameworkRuns.uma4jLines(r), r.toString());
        JsonNode json = FrameworkRuns.report(report);
        assertEquals("on", json.at("/config/netty").asText());
        List<JsonNode> zones = FrameworkRuns.zonesUsed(json, "netty");
        FrameworkRuns.assertFrameworkIoInZones(zones, "netty");
        assertTrue(zones.stream().anyMatch(z -> z.get("name").asText().equals("netty-64")
                && z.get("requests").asLong() >= NettyEchoApp.TOTAL / 64), "every scratch record: " + zones);
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
        ChildJvm.Result r = FrameworkRuns.run(ChildJvm.java(), "netty=on,debug=full,failOnFindings=true,report="
                + report, NettyEchoApp.class);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("app-ok"), r.toString());
        assertEquals(List.of(), FrameworkRuns.uma4jLines(r), r.toString());
        JsonNode json = FrameworkRuns.report(report);
        assertEquals(0, json.get("findings").size(), json.get("findings").toString());
        FrameworkRuns.zonesUsed(json, "netty");
    }

    @Test
    void anAppWithoutNettyOrJettyRunsAndGetsOneLinePerFramework() throws Exception {
        Path report = dir.resolve("r.json");
        ChildJvm.Result r = ChildJvm.java().agent("netty=on,jetty=on,report=" + report).runApp();
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("app-ok"), r.toString());
        assertEquals(List.of("uma4j: netty=on: no channel was created", "uma4j: jetty=on: no server was started"),
                r.errLines(), r.toString());
    }

    @Test
    void nettyInAClassLoaderOfItsOwnGetsTheZonesToo() throws Exception {
        // The integration is defined over the app's loader, which the system loader cannot see into.
        Path report = dir.resolve("r.json");
        String appPath = ChildJvm.TEST_CLASSES_PATH + java.io.File.pathSeparator + FrameworkRuns.classPath();
        ChildJvm.Result r = ChildJvm.java().agent("netty=on,report=" + report)
                .runWith("", ChildLoaderLauncher.class, appPath, NettyEchoApp.class.getName());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("app-ok"), r.toString());
        assertEquals(List.of(), FrameworkRuns.uma4jLines(r), r.toString());
        FrameworkRuns.zonesUsed(FrameworkRuns.report(report), "netty");
    }

    private void seededBugIsCaught(ChildJvm jvm) throws Exception {
        Path report = dir.resolve("r.json");
        ChildJvm.Result r = FrameworkRuns.run(jvm, "netty=on,debug=full,failOnFindings=true,report=" + report,
                NettyEchoApp.class, "write-after-release");
        FrameworkRuns.assertModifiedAfterFree(r, report, "netty", NettyEchoApp.RecordEchoHandler.class);
    }
}
