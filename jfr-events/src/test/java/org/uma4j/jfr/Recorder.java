package org.uma4j.jfr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Test support: runs a body inside a JFR recording of the uma4j events and returns what was
 * recorded, the JDK 17 way (start, stop, dump, read the file): deterministic, no polling.
 * Periodic events run with {@code period=everyChunk}, so each writes once when the recording
 * stops, without sleeping.
 */
final class Recorder {
    private Recorder() {
    }

    /** The file of the last recording, for tests that read it again (JMC, the reader). */
    static Path lastFile;

    /**
     * Records {@code body} with every uma4j event enabled, stack traces off, threshold 0,
     * periodic events at every chunk, and the given extra settings ({@code "name#setting"}).
     */
    static List<RecordedEvent> record(Map<String, String> extra, Runnable body) throws IOException {
        try (Recording r = new Recording()) {
            for (String name : Names.ALL) {
                r.enable(name).withoutStackTrace().withThreshold(java.time.Duration.ZERO);
            }
            Map<String, String> settings = new java.util.HashMap<>(r.getSettings());
            for (String p : List.of(Names.ZONE_CONFIGURATION, Names.ZONE_STATISTICS, Names.MBUF_STATISTICS,
                    Names.CALL_SITE_STATISTICS, Names.SIZE_CLASS_STATISTICS)) {
                settings.put(p + "#period", "everyChunk");
            }
            settings.putAll(extra);
            r.setSettings(settings);
            r.setToDisk(true);
            r.start();
            body.run();
            r.stop();
            Path file = Files.createTempFile("uma4j-test-", ".jfr");
            file.toFile().deleteOnExit();
            r.dump(file);
            lastFile = file;
            return RecordingFile.readAllEvents(file);
        }
    }

    /** Returns the events of one type. */
    static List<RecordedEvent> of(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    /** Returns the events of one type for one zone. */
    static List<RecordedEvent> of(List<RecordedEvent> events, String name, String zone) {
        return of(events, name).stream().filter(e -> zone.equals(e.getString("zone"))).collect(Collectors.toList());
    }
}
