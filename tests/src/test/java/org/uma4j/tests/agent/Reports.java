package org.uma4j.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reading reports and the test app's site markers. */
final class Reports {

    private Reports() {
    }

    static JsonNode read(Path report) throws IOException {
        assertTrue(Files.isRegularFile(report), "no report at " + report);
        return new ObjectMapper().readTree(report.toFile());
    }

    static List<String> topLevelKeys(JsonNode report) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = report.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    static JsonNode zone(JsonNode report, String name) {
        for (JsonNode z : report.get("zones")) {
            if (z.get("name").asText().equals(name)) {
                return z;
            }
        }
        throw new AssertionError("no zone " + name + " in " + report.get("zones"));
    }

    static JsonNode siteAtLine(JsonNode report, int line) {
        for (JsonNode s : report.get("sites")) {
            if (s.get("line").asInt() == line) {
                return s;
            }
        }
        throw new AssertionError("no site at line " + line + " in " + report.get("sites"));
    }

    /** Lines of the test app's marker comments (SITE and a name), by name. */
    static Map<String, Integer> markers() throws IOException {
        List<String> src = Files.readAllLines(Path.of("src/test/java/org/uma4j/tests/agent/AgentTestApp.java"));
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < src.size(); i++) {
            int at = src.get(i).indexOf("// SITE ");
            if (at >= 0) {
                out.put(src.get(i).substring(at + "// SITE ".length()).trim(), i + 1);
            }
        }
        assertEquals(7, out.size(), "markers found: " + out);
        return out;
    }
}
