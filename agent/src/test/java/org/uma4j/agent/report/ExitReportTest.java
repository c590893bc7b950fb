package org.uma4j.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uma4j.agent.account.Accounting;
import org.uma4j.agent.account.CallKind;
import org.uma4j.agent.account.SiteRegistry;

class ExitReportTest {

    private final SiteRegistry registry = new SiteRegistry();
    private final Accounting accounting = new Accounting(registry, 1);
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(err, true, StandardCharsets.UTF_8);
    private final ReportWriter writer = new ReportWriter(Map.of("report", "r.json", "failOnFindings", "true",
            "sample", "1"), registry, accounting, log);
    private final List<Integer> halts = new ArrayList<>();
    private final List<ByteBuffer> retained; // keeps the sampled buffers reachable

    ExitReportTest() {
        writer.addZoneSource(new SizeClassZones(registry, accounting, Map.of("heap-4096", 5L)));
        int site = registry.register("com.acme.Server", "read", "()V", 0, "Server.java", 42, CallKind.ALLOCATE, false);
        int probe = registry.register("p.Probe", "probe", "()V", 0, "Probe.java", 1, CallKind.ALLOCATE, true);
        List<ByteBuffer> keep = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ByteBuffer b = ByteBuffer.allocate(3000);
            keep.add(b);
            accounting.allocated(b, b.capacity(), site);
        }
        accounting.allocated(ByteBuffer.allocate(1), 1, probe);
        retained = keep;
    }

    @Test
    void reportHasTheFourTopLevelKeysZonesAndSites(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("sub/r.json");
        new ExitReport(writer, target, true, halts::add, log).run();
        JsonNode r = new ObjectMapper().readTree(target.toFile());
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        assertEquals(List.of("config", "zones", "sites", "findings"), keys);
        assertEquals(true, r.at("/config/failOnFindings").asBoolean());
        assertEquals(1, r.at("/config/sample").asInt());
        assertEquals(1, r.get("zones").size(), "the probe site is not a zone");
        JsonNode z = r.at("/zones/0");
        assertEquals("heap-4096", z.get("name").asText());
        assertEquals(4096, z.get("size").asLong());
        assertEquals(5, z.get("limit").asLong());
        assertEquals(3, z.get("requests").asLong());
        assertEquals(9000, z.get("bytes").asLong());
        assertEquals(3, z.get("used").asLong());
        assertEquals(9000, z.get("liveBytes").asLong());
        assertEquals(1, r.get("sites").size());
        JsonNode s = r.at("/sites/0");
        assertEquals("com.acme.Server", s.get("class").asText());
        assertEquals(42, s.get("line").asInt());
        assertEquals("allocate", s.get("call").asText());
        assertEquals("heap-4096", s.at("/sizeClasses/0/zone").asText());
        assertEquals(0, r.get("findings").size());
        assertTrue(halts.isEmpty(), "no findings, no halt");
        assertEquals(3, retained.size());
    }

    @Test
    void findingsAreWrittenAndHaltTheJvmWithStatusThree(@TempDir Path dir) throws Exception {
        writer.addFindingSource(() -> List.of(new Finding("leak", "heap-4096", 17, "com.acme.Server.read(Server.java:42)",
                "uma4j: leak of item 17 (zone \"heap-4096\") allocated at Server.java:42")));
        Path target = dir.resolve("r.json");
        new ExitReport(writer, target, true, halts::add, log).run();
        JsonNode f = new ObjectMapper().readTree(target.toFile()).at("/findings/0");
        assertEquals("leak", f.get("kind").asText());
        assertEquals(17, f.get("item").asLong());
        assertEquals("heap-4096", f.get("zone").asText());
        assertEquals(List.of(ExitReport.FINDINGS_STATUS), halts);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("uma4j: 1 finding(s) and failOnFindings=true"));
    }

    @Test
    void findingsWithoutTheGateDoNotHalt(@TempDir Path dir) {
        writer.addFindingSource(() -> List.of(new Finding("leak", null, -1, null, "x")));
        new ExitReport(writer, dir.resolve("r.json"), false, halts::add, log).run();
        assertTrue(halts.isEmpty());
    }

    @Test
    void aFailingFindingSourceIsLoggedAndLeftOut(@TempDir Path dir) throws Exception {
        writer.addFindingSource(() -> {
            throw new IllegalStateException("boom");
        });
        Path target = dir.resolve("r.json");
        new ExitReport(writer, target, true, halts::add, log).run();
        assertEquals(0, new ObjectMapper().readTree(target.toFile()).get("findings").size());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("boom"));
        assertTrue(halts.isEmpty());
    }

    @Test
    void writeReplacesAnExistingReportAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("r.json");
        Files.writeString(target, "old");
        ReportWriter.write(target, writer.build(List.of()));
        assertTrue(Files.readString(target).startsWith("{"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        assertFalse(Files.exists(dir.resolve("r.json.tmp")));
    }
}
