package org.uma4j.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CI gate: debug findings land in the report and, with failOnFindings, make the JVM exit 3. */
class DebugFindingsGateTest {

    @TempDir
    Path dir;

    @Test
    void doubleFreeIsReportedWithTheCallersLineAndFailsTheRun() throws Exception {
        Path report = dir.resolve("r.json");
        ChildJvm.Result r = ChildJvm.java().agent("debug=basic,policy=log,failOnFindings=true,report=" + report)
                .runAllocatorApp(DebugTestApp.class, "double-free");
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.out().contains("app-ok"), "policy=log carries on: " + r);
        assertTrue(r.err().contains("uma4j: 1 finding(s) and failOnFindings=true: exiting with status 3"), r.toString());
        JsonNode findings = Reports.read(report).get("findings");
        assertEquals(1, findings.size(), findings.toString());
        JsonNode f = findings.get(0);
        assertEquals("duplicate-free", f.get("kind").asText());
        assertEquals("dbg-256", f.get("zone").asText());
        assertEquals("org.uma4j.tests.agent.DebugTestApp.main(DebugTestApp.java:" + marker("DOUBLE") + ")",
                f.get("site").asText(), "the second free's line, known without a stack walk");
        assertTrue(f.get("detail").asText().startsWith("uma4j: duplicate free of item"), f.toString());
    }

    @Test
    void cleanRunHasNoFindingsAndExitsZero() throws Exception {
        Path report = dir.resolve("r.json");
        ChildJvm.Result r = ChildJvm.java().agent("debug=full,failOnFindings=true,report=" + report)
                .runAllocatorApp(DebugTestApp.class);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of(), r.errLines(), r.toString());
        assertEquals(0, Reports.read(report).get("findings").size());
    }

    @Test
    void leakIsFoundAtExitAtFullLevel() throws Exception {
        Path report = dir.resolve("r.json");
        ChildJvm.Result r = ChildJvm.java().agent("debug=full,failOnFindings=true,report=" + report)
                .runAllocatorApp(DebugTestApp.class, "leak");
        assertEquals(3, r.exit(), r.toString());
        JsonNode f = Reports.read(report).at("/findings/0");
        assertEquals("leak", f.get("kind").asText(), f.toString());
        assertEquals("org.uma4j.tests.agent.DebugTestApp.main(DebugTestApp.java:" + marker("LEAK") + ")",
                f.get("site").asText());
    }

    private static int marker(String name) throws IOException {
        List<String> src = Files.readAllLines(Path.of("src/test/java/org/uma4j/tests/agent/DebugTestApp.java"));
        for (int i = 0; i < src.size(); i++) {
            if (src.get(i).contains("// " + name)) {
                return i + 1;
            }
        }
        throw new AssertionError("no marker " + name);
    }
}
