package org.uma4j.tests.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.uma4j.tests.agent.ChildJvm;

/** Runs an unmodified framework app in a child JVM with the shaded agent, and reads its report. */
final class FrameworkRuns {

    /** Netty's and Jetty's jars (and slf4j's), written by the build; no uma4j module among them. */
    static final Path CLASS_PATH_FILE = Path.of(System.getProperty("uma4j.framework.classpath.file",
            "target/framework-classpath.txt"));

    private FrameworkRuns() {
    }

    static ChildJvm.Result run(ChildJvm jvm, String agentArgs, Class<?> app, String... appArgs) throws IOException {
        return jvm.agent(agentArgs).runWith(classPath(), app, appArgs);
    }

    static String classPath() throws IOException {
        String cp = Files.readString(CLASS_PATH_FILE).trim();
        assertTrue(cp.contains("netty-transport") && cp.contains("jetty-server"), "framework class path: " + cp);
        return cp;
    }

    static JsonNode report(Path report) throws IOException {
        assertTrue(Files.isRegularFile(report), "no report at " + report);
        return new ObjectMapper().readTree(report.toFile());
    }

    /** The zones named {@code <prefix>-<size>}, with at least one request in total. */
    static List<JsonNode> zonesUsed(JsonNode report, String prefix) {
        List<JsonNode> zones = new ArrayList<>();
        long requests = 0;
        for (JsonNode z : report.get("zones")) {
            if (z.get("name").asText().startsWith(prefix + "-")) {
                zones.add(z);
                requests += z.get("requests").asLong();
            }
        }
        assertTrue(requests > 0, prefix + "-* zones with requests in " + report.get("zones"));
        return zones;
    }

    /**
     * Checks that the framework's own I/O buffers, not only the app's 64-byte scratch buffers,
     * came from the zones: a zone other than {@code <prefix>-64} has requests.
     */
    static void assertFrameworkIoInZones(List<JsonNode> zones, String prefix) {
        assertTrue(zones.stream().anyMatch(z -> !z.get("name").asText().equals(prefix + "-64")
                && z.get("requests").asLong() > 0), "read and write buffers in the zones: " + zones);
    }

    /** Standard error lines from uma4j, which a clean run has none of. */
    static List<String> uma4jLines(ChildJvm.Result r) {
        List<String> out = new ArrayList<>();
        for (String l : r.errLines()) {
            if (l.contains("uma4j") || l.contains("UMA4J")) {
                out.add(l);
            }
        }
        return out;
    }

    /** Checks a seeded run: status 3, the finding's kind, zone family and the app's handler named. */
    static JsonNode assertModifiedAfterFree(ChildJvm.Result r, Path report, String zonePrefix, Class<?> handler)
            throws IOException {
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.out().contains("app-ok"), "policy=log lets the app finish: " + r);
        JsonNode found = null;
        for (JsonNode f : report(report).get("findings")) {
            if (f.get("kind").asText().equals("modified-after-free")) {
                found = f;
                break;
            }
        }
        assertTrue(found != null, "a modified-after-free finding in " + report(report).get("findings") + "\n" + r);
        assertTrue(found.get("zone").asText().startsWith(zonePrefix + "-"), found.toString());
        assertTrue(found.get("site").asText().startsWith(handler.getName() + "."), "the app's handler named: " + found);
        return found;
    }

    static boolean jdk25Present() {
        String home = System.getProperty("uma4j.jdk25.home", "");
        return !home.isEmpty() && Files.isRegularFile(Path.of(home, "bin", "java"));
    }
}
