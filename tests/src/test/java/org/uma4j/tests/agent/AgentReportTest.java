package org.uma4j.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent accounts the test app's call sites and writes the report at exit, on JDK 17 and 25. */
class AgentReportTest {

    @TempDir
    Path dir;

    @Test
    void reportNamesEverySiteWithCountsBytesAndZonesOnTheTestJdk() throws Exception {
        checkReport(ChildJvm.java());
    }

    @Test
    void reportIsTheSameOnJdk25() throws Exception {
        String home = System.getProperty("uma4j.jdk25.home", "");
        assumeTrue(!home.isEmpty() && Files.isRegularFile(Path.of(home, "bin", "java")), "no JDK 25 at '" + home + "'");
        checkReport(ChildJvm.java(home));
    }

    private void checkReport(ChildJvm jvm) throws Exception {
        Path report = dir.resolve("out/uma4j-report.json");
        ChildJvm.Result r = jvm.agent("include=org.uma4j.tests.agent.*,sample=1,sampleRate=0,report=" + report).runApp();
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("app-ok"), r.toString());
        assertEquals(List.of(), r.errLines(), r.toString());

        JsonNode json = Reports.read(report);
        assertEquals(List.of("config", "zones", "sites", "findings"), Reports.topLevelKeys(json));
        assertEquals("org.uma4j.tests.agent.*", json.at("/config/include").asText());
        assertEquals(1, json.at("/config/sample").asInt());
        assertEquals(0, json.at("/config/sampleRate").asInt(), "no throttle: the estimate is exact");
        assertEquals(0, json.get("findings").size());

        Map<String, Integer> line = Reports.markers();
        JsonNode heap = Reports.siteAtLine(json, line.get("heap"));
        assertEquals("org.uma4j.tests.agent.AgentTestApp", heap.get("class").asText());
        assertEquals("work", heap.get("method").asText());
        assertEquals("AgentTestApp.java", heap.get("file").asText());
        assertEquals("allocate", heap.get("call").asText());
        assertEquals(100, heap.get("count").asLong());
        assertEquals(200_000, heap.get("bytes").asLong());
        assertEquals(200_000, heap.get("liveBytes").asLong(), "every buffer is kept, sample=1 and sampleRate=0");
        assertEquals("heap-2048", heap.at("/sizeClasses/0/zone").asText());

        JsonNode direct = Reports.siteAtLine(json, line.get("direct"));
        assertEquals("allocateDirect", direct.get("call").asText());
        assertEquals(3, direct.get("count").asLong());
        assertEquals(1, Reports.siteAtLine(json, line.get("wrap")).get("count").asLong());
        assertEquals(16, Reports.siteAtLine(json, line.get("wrapRange")).get("bytes").asLong());
        assertEquals(0, Reports.siteAtLine(json, line.get("negative")).get("count").asLong(),
                "allocate(-1) threw, nothing accounted");

        JsonNode heap2048 = Reports.zone(json, "heap-2048");
        assertEquals(100, heap2048.get("requests").asLong());
        assertEquals(200_000, heap2048.get("bytes").asLong());
        assertEquals(100, heap2048.get("used").asLong());
        assertEquals(3, Reports.zone(json, "direct-4096").get("requests").asLong());
        assertEquals(2, Reports.zone(json, "wrap-64").get("requests").asLong(), "two wraps of the whole array");
        assertEquals(128, Reports.zone(json, "wrap-64").get("bytes").asLong());
        assertEquals(1, Reports.zone(json, "heap-16").get("requests").asLong());
    }

    @Test
    void excludedClassesAreNotRewritten() throws Exception {
        Path report = dir.resolve("r.json");
        ChildJvm.Result r = ChildJvm.java().agent("exclude=*AgentTestApp,report=" + report).runApp();
        assertEquals(0, r.exit(), r.toString());
        JsonNode json = Reports.read(report);
        assertEquals(0, json.get("sites").size(), json.toString());
        assertEquals(0, json.get("zones").size(), json.toString());
    }

    @Test
    void installingTwiceIsANoOp() throws Exception {
        Path report = dir.resolve("r.json");
        ChildJvm.Result r = ChildJvm.java().agent("sample=1,report=" + report).agent("sample=1,report=" + report).runApp();
        assertEquals(0, r.exit(), r.toString());
        JsonNode heap = Reports.siteAtLine(Reports.read(report), Reports.markers().get("heap"));
        assertEquals(100, heap.get("count").asLong(), "one transformer, one count per call");
    }
}
