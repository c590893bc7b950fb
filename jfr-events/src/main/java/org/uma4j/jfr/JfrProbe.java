package org.uma4j.jfr;

/**
 * Asks {@code jdk.jfr.FlightRecorder.isAvailable()} from a class of its own, so that
 * {@link UmaJfr} links no {@code jdk.jfr} type before it has checked that the module exists.
 */
final class JfrProbe {
    private JfrProbe() {
    }

    static boolean available() {
        return jdk.jfr.FlightRecorder.isAvailable();
    }
}
