package org.uma4j.agent.report;

import java.io.Reader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jdk.jfr.RecordingState;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.jfr.CallSiteSource;
import org.uma4j.jfr.UmaJfr;
import org.uma4j.mbuf.MbufStats;
import org.uma4j.mbuf.Mbufs;

/**
 * Starts the recording asked for by the {@code jfr} option: installs uma4j's JFR events (zone,
 * call-site and finding events of the jfr-events module), then records with the named settings
 * and writes the recording to the path when the JVM exits ({@link #finish}). Loaded only when that option is set,
 * so {@code jdk.jfr} is not touched otherwise.
 *
 * <p>Threading: called once by the installing thread.
 */
public final class JfrRecording {

    private static volatile Recording recording; // the running recording, or null; set by start, taken by finish

    private JfrRecording() {
    }

    /**
     * Installs the events and starts the recording.
     *
     * @param path where the recording is written at exit
     * @param settings {@code uma4j} or {@code uma4j-profile} (uma4j's settings), {@code default} or
     *     {@code profile} (the JDK's), or the path of a {@code .jfc} file
     * @param sites the agent's call sites, for the periodic call-site statistics
     * @param sizeClasses the accounting zones ({@code heap-2048}, ...), for the periodic
     *     size-class statistics: the report's zone rows of the same name
     * @throws Exception if JFR is unavailable or the settings cannot be read
     */
    public static void start(Path path, String settings, CallSiteSource sites, ZoneSource sizeClasses)
            throws Exception {
        Configuration c;
        if (settings.endsWith(".jfc")) {
            c = Configuration.create(Path.of(settings));
        } else if (UmaJfr.SETTINGS.contains(settings)) {
            try (Reader r = UmaJfr.openSettings(settings)) {
                c = Configuration.create(r);
            }
        } else {
            c = Configuration.getConfiguration(settings);
        }
        UmaJfr.callSites(sites);
        UmaJfr.sizeClasses(() -> sizeClasses.zones().stream().map(ZoneRow::toSizeClass).toList());
        UmaJfr.mbufs(JfrRecording::globalMbufsIfCreated);
        UmaJfr.install();
        Recording r = new Recording(c);
        r.setName("uma4j");
        r.setToDisk(true);
        r.setDumpOnExit(true); // JFR's own shutdown hook writes it if it runs before ours
        r.setDestination(path);
        r.start();
        recording = r;
    }

    /**
     * Ends the recording at exit: waits until JFR's own shutdown hook has dumped the recording
     * (dump on exit), so that a fail-on-findings halt after it cannot cut the file short. The
     * last statistics snapshot is written by JFR itself as the chunk ends
     * ({@code org.uma4j.ChunkEndStatistics}), so a run shorter than the period still gets its
     * tables; emitting it from this hook raced with JFR's. The recording is never stopped here:
     * two concurrent stops of one recording can leave an empty file.
     */
    public static void finish() {
        Recording r = recording;
        recording = null;
        if (r == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long lastSize = -1;
        while (System.nanoTime() - deadline < 0) {
            long size = sizeOf(r.getDestination());
            if (r.getState() != RecordingState.RUNNING && size > 0 && size == lastSize) {
                return; // stopped and written: the size held still for one poll
            }
            lastSize = size;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Stops the recording now, writing it, for an uninstall while the JVM runs on (no shutdown
     * hook competes then).
     */
    public static void stopNow() {
        Recording r = recording;
        recording = null;
        if (r != null && r.getState() == RecordingState.RUNNING) {
            r.stop(); // ends the chunk: JFR writes the last statistics (ChunkEndStatistics)
        }
    }

    private static long sizeOf(Path p) {
        try {
            return p == null ? -1 : Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Returns the {@code netstat -m} numbers of the global mbuf family if the application has
     * created it (its zone {@code mbuf} exists), else null: statistics must not create the family.
     */
    private static MbufStats globalMbufsIfCreated() {
        try {
            return ZoneRegistry.global().zone("mbuf") != null ? Mbufs.global().stats() : null;
        } catch (RuntimeException | LinkageError e) {
            return null; // a zone "mbuf" that is not the family's; skip the period
        }
    }

    /** Uninstalls uma4j's JFR events and the call-site and mbuf sources (for the agent's uninstall). */
    public static void stopEvents() {
        UmaJfr.callSites(null);
        UmaJfr.sizeClasses(null);
        UmaJfr.mbufs((org.uma4j.jfr.MbufStatsSource) null);
        UmaJfr.uninstall();
    }
}
