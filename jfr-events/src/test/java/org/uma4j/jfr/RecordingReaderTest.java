package org.uma4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Vmstat;
import org.uma4j.alloc.ZoneStats;

/** The recording read back into umastat's tables. */
class RecordingReaderTest {

    @BeforeAll
    static void install() {
        assertTrue(UmaJfr.install());
        Scenario.sources();
    }

    @AfterAll
    static void uninstall() {
        UmaJfr.uninstall();
        UmaJfr.mbufs(null);
        UmaJfr.callSites(null);
    }

    @Test
    void readsZoneMbufSiteAndFindingTables() throws Exception {
        Recorder.record(Map.of(), Scenario::run);
        RecordingReader r = RecordingReader.read(Recorder.lastFile);

        ZoneStats z = r.zones().stream().filter(s -> s.name().equals(Scenario.ZONE)).findFirst().orElseThrow();
        assertEquals(512, z.size());
        assertEquals(1, z.limit());
        assertEquals(0, z.used());
        assertEquals(1, z.requests());
        assertEquals(2, z.fails(), "NOWAIT try of allocWait, then its timeout");
        assertEquals(1, z.sleeps());
        assertTrue(z.primary());
        assertTrue(Vmstat.render(r.zones()).contains("scenario:"), Vmstat.render(r.zones()));

        assertEquals(Scenario.MBUFS, r.mbufs().orElseThrow());
        assertEquals(Scenario.SITES, r.sites());

        List<FindingRecord> f = r.findings();
        assertEquals(List.of("Leak", "ModifiedAfterFree", "DoubleFree", "WrongZoneFree", "StaleHandle",
                "RefcountError", "RedzoneOverflow"), f.stream().map(FindingRecord::kind).toList());
        FindingRecord maf = f.get(1);
        assertEquals(Scenario.ZONE, maf.zone());
        assertEquals(1, maf.slab());
        assertEquals(0, maf.index());
        assertEquals(12, maf.offset());
        assertEquals("A.java:1", maf.allocationSite());
        assertEquals("B.java:2", maf.freeSite());
        assertTrue(maf.message().startsWith("uma4j: memory modified after free"), maf.message());
        assertEquals(Thread.currentThread().getName(), maf.thread());

        assertEquals(17, r.eventCounts().size(), r.eventCounts().toString());
        assertEquals(7, r.eventCounts().keySet().stream().filter(Names.FINDINGS::contains).count());
    }

    @Test
    void aMissingOrMalformedRecordingIsNamedInTheError() throws Exception {
        Path missing = Path.of("no-such-recording.jfr");
        IOException e = assertThrows(IOException.class, () -> RecordingReader.read(missing));
        assertEquals("recording: no-such-recording.jfr (expected: an existing .jfr file)", e.getMessage());

        Path junk = Files.createTempFile("uma4j-junk-", ".jfr");
        try {
            Files.writeString(junk, "this is not a flight recording");
            IOException bad = assertThrows(IOException.class, () -> RecordingReader.read(junk));
            assertTrue(bad.getMessage().startsWith("recording: " + junk + " (expected: a JFR recording; "),
                    bad.getMessage());
        } finally {
            Files.delete(junk);
        }
    }

    @Test
    void aRecordingWithoutUma4jEventsReadsAsEmptyTables() throws Exception {
        Path f = Files.createTempFile("uma4j-empty-", ".jfr");
        try (jdk.jfr.Recording rec = new jdk.jfr.Recording()) {
            rec.enable("jdk.JavaMonitorEnter");
            rec.start();
            rec.stop();
            rec.dump(f);
            RecordingReader r = RecordingReader.read(f);
            assertEquals(List.of(), r.zones());
            assertTrue(r.mbufs().isEmpty());
            assertEquals(List.of(), r.sites());
            assertEquals(List.of(), r.findings());
            assertEquals(Map.of(), r.eventCounts());
        } finally {
            Files.delete(f);
        }
    }
}
