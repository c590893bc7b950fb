package org.uma4j.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options come from agent args, -Duma4j.*, UMA4J_* and a properties file, in that precedence. */
class OptionSourcesTest {

    @TempDir
    Path dir;

    @Test
    void systemPropertyEnvironmentAndFileAreMergedByPrecedence() throws Exception {
        Path report = dir.resolve("r.json");
        Path file = Files.writeString(dir.resolve("uma4j.properties"),
                "report=" + report.toString().replace("\\", "/") + "\ndebug=basic\npolicy=throw\nsample=8\n");
        ChildJvm.Result r = ChildJvm.java()
                .env("UMA4J_CONFIG", file.toString())
                .env("UMA4J_POLICY", "halt")
                .env("UMA4J_SAMPLE", "2")
                .jvmArg("-Duma4j.sample=1")
                .agent("limit.heap-2048=500,verbose=true")
                .runApp();
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.errLines().get(0).startsWith("uma4j: config include=*,"), r.toString());
        JsonNode config = Reports.read(report).get("config");
        assertEquals("basic", config.get("debug").asText(), "from the file");
        assertEquals("halt", config.get("policy").asText(), "environment over file");
        assertEquals(1, config.get("sample").asInt(), "system property over environment");
        assertEquals(500, config.get("limit.heap-2048").asLong(), "agent args");
        assertEquals(500, Reports.zone(Reports.read(report), "heap-2048").get("limit").asLong());
    }

    @Test
    void failOnFindingsWithoutFindingsExitsZero() throws Exception {
        // No module produces findings yet; the non-zero path is covered in-JVM by ExitReportTest.
        Path report = dir.resolve("r.json");
        ChildJvm.Result r = ChildJvm.java().agent("failOnFindings=true,report=" + report).runApp();
        assertEquals(0, r.exit(), r.toString());
        assertEquals(0, Reports.read(report).get("findings").size());
    }
}
