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
import org.uma4j.dbg.FindingKind;
import org.uma4j.mbuf.MbufStats;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

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
        UmaJfr.mbufs((MbufStatsSource) null);
        UmaJfr.callSites(null);
        UmaJfr.sizeClasses(null);
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
        assertEquals(2, z.fails(), "a NOWAIT denial, then allocWait's timeout");
        assertEquals(1, z.sleeps());
        assertTrue(z.primary());
        assertTrue(Vmstat.render(r.zones()).contains("scenario:"), Vmstat.render(r.zones()));

        MbufStats m = r.mbufs().orElseThrow();
        MbufStats live = Scenario.mbufs.stats();
        assertEquals(live.render(), m.render(), "netstat -m from the recording matches the family's own");
        assertEquals(1, m.mbufsInUse());
        assertEquals(64, m.cluster().limit());
        assertEquals(Scenario.SITES, r.sites());
        assertEquals(Scenario.SIZE_CLASSES, r.sizeClasses());

        List<FindingRecord> f = r.findings();
        Set<FindingKind> kinds = f.stream().map(FindingRecord::kind).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(FindingKind.class), kinds, "one seeded bug per kind: " + f);
        FindingRecord maf = f.stream().filter(x -> x.kind() == FindingKind.MODIFIED_AFTER_FREE).findFirst().orElseThrow();
        assertEquals(Scenario.DBG_ZONE, maf.zone());
        assertTrue(maf.slab() >= 1);
        assertTrue(maf.index() >= 0);
        assertTrue(maf.offset() >= 12 && maf.offset() < 16, "the damaged byte: " + maf);
        assertTrue(maf.message().startsWith("uma4j: memory modified after free"), maf.message());
        assertEquals(Thread.currentThread().getName(), maf.thread());
        FindingRecord wrong = f.stream().filter(x -> x.kind() == FindingKind.WRONG_ZONE).findFirst().orElseThrow();
        assertEquals(Scenario.DBG_ZONE + "-other", wrong.zone());
        assertEquals(Scenario.DBG_ZONE, wrong.otherZone());
        FindingRecord leak = f.stream().filter(x -> x.kind() == FindingKind.LEAK).findFirst().orElseThrow();
        assertTrue(leak.detail().contains("request"), leak.toString());

        assertEquals(Names.WRITTEN.size(), r.eventCounts().size(), r.eventCounts().toString());
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
            for (String n : Names.ALL) {
                rec.disable(n); // uma4j is installed in this JVM: keep its on-by-default types out
            }
            rec.start();
            rec.stop();
            rec.dump(f);
            RecordingReader r = RecordingReader.read(f);
            assertEquals(List.of(), r.zones());
            assertTrue(r.mbufs().isEmpty());
            assertEquals(List.of(), r.sites());
            assertEquals(List.of(), r.sizeClasses());
            assertEquals(List.of(), r.findings());
            assertEquals(Map.of(), r.eventCounts());
        } finally {
            Files.delete(f);
        }
    }
}
