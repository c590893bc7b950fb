package org.uma4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;

/** The two shipped .jfc files: parseable by JFR, with the promised settings, and usable. */
class SettingsTest {

    @BeforeAll
    static void install() {
        assertTrue(UmaJfr.install());
    }

    @AfterAll
    static void uninstall() {
        UmaJfr.uninstall();
    }

    private static Map<String, String> settings(String name) throws Exception {
        try (Reader r = UmaJfr.openSettings(name)) {
            return Configuration.create(r).getSettings();
        }
    }

    @Test
    void lowOverheadSettingsKeepPerItemEventsOffAndStatisticsEverySecond() throws Exception {
        Map<String, String> s = settings("uma4j");
        for (String p : List.of(Names.ZONE_STATISTICS, Names.MBUF_STATISTICS, Names.CALL_SITE_STATISTICS,
                Names.SIZE_CLASS_STATISTICS)) {
            assertEquals("true", s.get(p + "#enabled"), p);
            assertEquals("1 s", s.get(p + "#period"), p);
        }
        assertEquals("false", s.get(Names.ITEM_ALLOCATION + "#enabled"));
        assertEquals("false", s.get(Names.ITEM_FREE + "#enabled"));
        for (String f : Names.FINDINGS) {
            assertEquals("true", s.get(f + "#enabled"), f);
        }
        assertEquals("10 ms", s.get(Names.ALLOCATION_DELAYED + "#threshold"));
        for (String n : Names.ALL) {
            assertTrue(s.containsKey(n + "#enabled"), "uma4j.jfc names " + n);
        }
        assertTrue(s.keySet().stream().allMatch(k -> k.startsWith("org.uma4j.")), "uma4j events only: " + s.keySet());
    }

    @Test
    void profileSettingsSamplePerItemEventsWithStacks() throws Exception {
        Map<String, String> s = settings("uma4j-profile");
        for (String p : List.of(Names.ITEM_ALLOCATION, Names.ITEM_FREE)) {
            assertEquals("true", s.get(p + "#enabled"), p);
            assertEquals("true", s.get(p + "#stackTrace"), p);
            assertEquals("100", s.get(p + "#sample"), p);
        }
        assertEquals("1 s", s.get(Names.ZONE_STATISTICS + "#period"));
    }

    @Test
    void aRecordingStartedFromTheProfileSettingsSamplesItems() throws Exception {
        Zone<Buf> z = Zone.builder("settings-profile", 64).build();
        Path f = Files.createTempFile("uma4j-profile-", ".jfr");
        try (Reader r = UmaJfr.openSettings("uma4j-profile"); Recording rec = new Recording(Configuration.create(r))) {
            rec.start();
            for (int i = 0; i < 1000; i++) {
                z.free(z.alloc(Zone.NOWAIT));
            }
            rec.stop();
            rec.dump(f);
            List<RecordedEvent> ev = RecordingFile.readAllEvents(f);
            List<RecordedEvent> allocs = Recorder.of(ev, Names.ITEM_ALLOCATION, "settings-profile");
            assertEquals(10, allocs.size(), "1 in 100 of 1000");
            assertNotNull(allocs.get(0).getStackTrace());
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void settingsFilesAreWrittenForTheCommandLine() throws Exception {
        for (String name : UmaJfr.SETTINGS) {
            Path p = UmaJfr.settingsFile(name);
            assertTrue(p.getFileName().toString().endsWith(".jfc"), p.toString());
            assertEquals(settings(name), Configuration.create(p).getSettings(), name);
        }
        Path target = Files.createTempFile("uma4j-settings-", ".jfc");
        try {
            assertEquals(target, UmaJfr.settingsFile("uma4j", target));
            assertTrue(Files.readString(target).contains("org.uma4j.ZoneStatistics"));
        } finally {
            Files.delete(target);
        }
    }

    @Test
    void anUnknownSettingsNameIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UmaJfr.openSettings("profile"));
        assertEquals("name: \"profile\" (expected: one of [uma4j, uma4j-profile])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UmaJfr.settingsFile(null));
        assertEquals("name: null (expected: one of [uma4j, uma4j-profile])", e.getMessage());
    }
}
