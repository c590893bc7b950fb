package org.uma4j.jfr;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.mbuf.Mbufs;

/**
 * The one entry point of uma4j's JFR support: installs the events, feeds the periodic
 * statistics, and hands out the two {@code .jfc} settings files.
 *
 * <pre>{@code
 * // At start-up (the agent does this in premain), before the zones are built:
 * UmaJfr.install();                        // no-op where jdk.jfr is absent or disabled
 * UmaJfr.callSites(siteTable::snapshot);   // optional: per-call-site statistics
 * UmaJfr.mbufs(Mbufs.global());            // optional: netstat -m statistics
 * UmaJfr.sizeClasses(source);              // optional: accounting zones (the agent's)
 *
 * // Record with the low-overhead settings, in code ...
 * try (Reader r = UmaJfr.openSettings("uma4j")) {
 *     Recording rec = new Recording(Configuration.create(r));
 *     rec.setDestination(Path.of("app.jfr"));
 *     rec.start();
 * }
 * // ... or from the command line, after extracting the file once:
 * //   java -cp uma4j-jfr-events.jar org.uma4j.jfr.UmaJfr uma4j-profile uma4j-profile.jfc
 * //   java -XX:StartFlightRecording:settings=default,settings=uma4j-profile.jfc,filename=app.jfr ...
 * }</pre>
 *
 * <p>Installing costs nothing until a recording starts: the event types are registered with
 * JFR only when the Flight Recorder initialises, and zones built after {@link #install()}
 * carry an observer whose guards are constant false until then. Zones built before it are
 * still in the periodic zone statistics but emit no slab, limit, reclaim or item events.
 *
 * <p>This class names no {@code jdk.jfr} type, so it loads and runs on a runtime without the
 * {@code jdk.jfr} module (a jlink image, OpenJ9): there {@link #install()} returns false and
 * everything else is a no-op.
 *
 * <p>System properties, read once: {@code uma4j.jfr.enabled=false} turns install into a no-op
 * (for containers that redeploy applications); {@code uma4j.jfr.itemEvents=false} leaves the
 * per-item observer off zones, so even a profiling recording adds nothing to alloc and free.
 *
 * <p>Threading: all methods are safe from any thread; install and uninstall are serialised.
 */
public final class UmaJfr {
    /** The settings names that {@link #openSettings} and {@link #settingsFile} accept. */
    public static final List<String> SETTINGS = List.of("uma4j", "uma4j-profile");

    private static final boolean ENABLED = !"false".equals(System.getProperty("uma4j.jfr.enabled"));
    private static final boolean ITEM_EVENTS = !"false".equals(System.getProperty("uma4j.jfr.itemEvents"));

    private static AutoCloseable installed;           // guarded by UmaJfr.class
    private static volatile CallSiteSource callSites; // read by the periodic hook
    private static volatile MbufStatsSource mbufs;    // read by the periodic hook
    private static volatile SizeClassSource sizeClasses; // read by the periodic hook

    private UmaJfr() {
    }

    /**
     * Installs the events for the zones of {@link ZoneRegistry#global()}. Idempotent: a second
     * call returns false and changes nothing.
     *
     * @return true if this call installed them; false if already installed, switched off by
     *     {@code uma4j.jfr.enabled=false}, or JFR is absent or disabled in this JVM
     */
    public static boolean install() {
        return install(ZoneRegistry.global());
    }

    /**
     * Installs the events for the zones of {@code registry}: zones it builds from now on get
     * the observer, and all its zones appear in the periodic zone statistics.
     *
     * @param registry the registry whose zones are reported
     * @return as {@link #install()}
     */
    public static synchronized boolean install(ZoneRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (installed != null || !ENABLED || !isAvailable()) {
            return false;
        }
        try {
            installed = JfrInstall.start(registry, ITEM_EVENTS);
        } catch (LinkageError | SecurityException e) {
            return false; // a runtime whose jdk.jfr is unusable: stay a no-op
        }
        return installed != null;
    }

    /**
     * Undoes {@link #install}: unregisters the event types and periodic hooks and stops
     * configuring new zones. Zones already built keep an observer that emits nothing.
     * A no-op if nothing is installed.
     */
    public static synchronized void uninstall() {
        if (installed == null) {
            return;
        }
        try {
            installed.close();
        } catch (Exception e) {
            throw new IllegalStateException("uma4j: JFR uninstall failed: " + e, e);
        } finally {
            installed = null;
        }
    }

    /** Returns true between a successful {@link #install} and {@link #uninstall}. */
    public static synchronized boolean isInstalled() {
        return installed != null;
    }

    /**
     * Returns true if this JVM can record: the {@code jdk.jfr} module is in the boot layer and
     * the Flight Recorder is not disabled.
     */
    public static boolean isAvailable() {
        if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
            return false;
        }
        try {
            return JfrProbe.available();
        } catch (LinkageError e) {
            return false;
        }
    }

    /**
     * Sets the source of the periodic {@code org.uma4j.CallSiteStatistics} event; null removes it.
     * May be called before or after {@link #install}.
     *
     * @param source the agent's site accounts, or null
     */
    public static void callSites(CallSiteSource source) {
        callSites = source;
    }

    /**
     * Sets the source of the periodic {@code org.uma4j.SizeClassStatistics} event (the agent's
     * accounting zones); null removes it. May be called before or after {@link #install}.
     *
     * @param source the size-class accounts, or null
     */
    public static void sizeClasses(SizeClassSource source) {
        sizeClasses = source;
    }

    /**
     * Sets the source of the periodic {@code org.uma4j.MbufStatistics} event; null removes it.
     * May be called before or after {@link #install}.
     *
     * @param source the mbuf family's statistics, or null
     */
    public static void mbufs(MbufStatsSource source) {
        mbufs = source;
    }

    /**
     * Reports {@code family}'s {@code netstat -m} numbers in the periodic
     * {@code org.uma4j.MbufStatistics} event; the same as {@code mbufs(family::stats)}.
     *
     * @param family the mbuf family, e.g. {@code Mbufs.global()}
     */
    public static void mbufs(Mbufs family) {
        Objects.requireNonNull(family, "family");
        mbufs = family::stats;
    }

    static CallSiteSource callSiteSource() {
        return callSites;
    }

    static SizeClassSource sizeClassSource() {
        return sizeClasses;
    }

    static MbufStatsSource mbufSource() {
        return mbufs;
    }

    /** Returns the names of every uma4j event type, for {@code .jfc} files and filters. */
    public static List<String> eventNames() {
        return Names.ALL;
    }

    /**
     * Opens a shipped settings file for {@code jdk.jfr.Configuration.create(Reader)}.
     *
     * @param name {@code "uma4j"} (low overhead: statistics every second, findings, limits;
     *     no per-item events) or {@code "uma4j-profile"} (adds sampled per-item events with
     *     stack traces)
     * @return a reader of the {@code .jfc} XML; the caller closes it
     * @throws IllegalArgumentException if the name is not one of {@link #SETTINGS}
     */
    public static Reader openSettings(String name) {
        return new InputStreamReader(resource(name), StandardCharsets.UTF_8);
    }

    /**
     * Writes a shipped settings file to a temporary file and returns its path, for
     * {@code -XX:StartFlightRecording:settings=<path>} of a child JVM or
     * {@code jcmd <pid> JFR.start settings=<path>}.
     *
     * @param name as {@link #openSettings}
     * @return the path of a new file, deleted when this JVM exits
     * @throws UncheckedIOException if the file cannot be written
     */
    public static Path settingsFile(String name) {
        checkSettingsName(name);
        try {
            Path p = Files.createTempFile(name + "-", ".jfc");
            p.toFile().deleteOnExit();
            return settingsFile(name, p);
        } catch (IOException e) {
            throw new UncheckedIOException("uma4j: cannot write settings \"" + name + "\": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a shipped settings file to {@code target}, replacing it.
     *
     * @param name as {@link #openSettings}
     * @param target where to write
     * @return {@code target}
     * @throws IOException if it cannot be written
     */
    public static Path settingsFile(String name, Path target) throws IOException {
        try (InputStream in = resource(name)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static void checkSettingsName(String name) {
        if (name == null || !SETTINGS.contains(name)) {
            throw new IllegalArgumentException("name: " + (name == null ? "null" : "\"" + name + "\"")
                    + " (expected: one of " + SETTINGS + ")");
        }
    }

    private static InputStream resource(String name) {
        checkSettingsName(name);
        InputStream in = UmaJfr.class.getResourceAsStream(name + ".jfc");
        if (in == null) {
            throw new IllegalStateException("uma4j: settings resource org/uma4j/jfr/" + name + ".jfc is missing");
        }
        return in;
    }

    /**
     * Writes a settings file: {@code java -cp uma4j-jfr-events.jar org.uma4j.jfr.UmaJfr NAME FILE}.
     *
     * @param args the settings name and the target file
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 || args[0] == null || !SETTINGS.contains(args[0])) {
            System.err.println("usage: UmaJfr NAME FILE  (NAME: one of " + SETTINGS + ")");
            System.exit(2);
        }
        System.out.println(settingsFile(args[0], Path.of(args[1])));
    }
}
