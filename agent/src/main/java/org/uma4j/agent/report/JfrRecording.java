package org.uma4j.agent.report;

import java.nio.file.Path;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Starts the recording asked for by the {@code jfr} option: the named settings, dumped to the
 * path when the JVM exits. Loaded only when that option is set, so {@code jdk.jfr} is not
 * touched otherwise.
 *
 * <p>Threading: called once by the installing thread.
 */
public final class JfrRecording {

    private JfrRecording() {
    }

    /**
     * Starts the recording.
     *
     * @param path where the recording is written at exit
     * @param settings {@code default}, {@code profile} or the path of a {@code .jfc} file
     * @throws Exception if JFR is unavailable or the settings cannot be read
     */
    public static void start(Path path, String settings) throws Exception {
        Configuration c = settings.endsWith(".jfc")
                ? Configuration.create(Path.of(settings)) : Configuration.getConfiguration(settings);
        Recording r = new Recording(c);
        r.setName("uma4j");
        r.setToDisk(true);
        r.setDumpOnExit(true);
        r.setDestination(path);
        r.start();
    }
}
