package org.uma4j.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allocator's zones appear in the report, take limit.<zone>, and are MBeans with jmx=true. */
class AllocatorZonesTest {

    @TempDir
    Path dir;

    @Test
    void allocatorZonesAreReportedWithTheirConfiguredLimit() throws Exception {
        Path report = dir.resolve("r.json");
        ChildJvm.Result r = ChildJvm.java().agent("limit.e2e-2048=20,report=" + report).runAllocatorApp();
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of(), r.errLines(), r.toString());
        JsonNode zone = Reports.zone(Reports.read(report), "e2e-2048");
        assertEquals("zone", zone.get("kind").asText());
        assertEquals(2048, zone.get("size").asLong());
        assertEquals(20, zone.get("limit").asLong());
        assertEquals(6, zone.get("used").asLong());
        assertEquals(10, zone.get("requests").asLong());
        assertEquals(6 * 2048, zone.get("liveBytes").asLong());
        assertTrue(zone.get("slabs").asLong() >= 1, zone.toString());

        ChildJvm.Result stat = ChildJvm.java().runAgentJar("umastat", report.toString());
        assertEquals(0, stat.exit(), stat.toString());
        assertTrue(stat.out().contains("\ne2e-2048:"), stat.out());
    }

    @Test
    void jmxExposesTheZoneWithAWritableLimit() {
        ChildJvm.Result r = ChildJvm.java().agent("jmx=true,limit.e2e-2048=30").runAllocatorApp("jmx");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("limit=30"), r.toString());
        assertTrue(r.out().contains("jmx-ok"), r.toString());
    }
}
