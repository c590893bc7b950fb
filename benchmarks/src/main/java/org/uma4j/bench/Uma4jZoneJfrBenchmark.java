package org.uma4j.bench;

import java.io.IOException;
import java.io.Reader;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;

import jdk.jfr.Configuration;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.jfr.UmaJfr;

/**
 * The cost of uma4j's JFR events on the allocator's fast path: a 2 KiB
 * {@code alloc(NOWAIT)} + {@code free} in four configurations, one per fork:
 * <ul>
 *   <li>{@link #noEventCode}: nothing installed; the zone carries no observer and no
 *       {@code org.uma4j.jfr} or {@code jdk.jfr} class is loaded in the fork. The equivalent of
 *       a build without event code;
 *   <li>{@link #jfrOff}: {@link UmaJfr#install(ZoneRegistry)} before the zone is built, so the
 *       zone carries the JFR observer, but no recording: the Flight Recorder never initialises,
 *       the event types are not registered and every {@code isEnabled()} guard is false;
 *   <li>{@link #jfrRecording}: the same, with a recording running for the whole trial with
 *       uma4j's default settings ({@code UmaJfr.openSettings("uma4j")}: statistics every second,
 *       slab, limit and reclaim events on, per-item events off). The recording's own threads
 *       (periodic statistics, chunk flushes) count in {@code cpu.time.norm};
 *   <li>{@link #jfrAlternated}: one zone as in {@code jfrOff}, the recording started before every
 *       second iteration and stopped after it, so the same compiled code, in the same fork, is
 *       timed with and without the recording: fork-to-fork placement, which puts the other
 *       three configurations' forks 1-3 ns apart on this machine, cancels out. Each iteration
 *       starts after {@link #SETTLE_MILLIS} of rest, so the recording's start (and a stop's
 *       flush) is done before the timing, as for a recording that runs for hours. Odd
 *       iterations (warm-up and measurement counted apart, from 1) are without, even ones with.
 * </ul>
 * Figures: {@code jfr-on-vs-off} = {@code jfrRecording / jfrOff},
 * {@code jfr-off-vs-no-event-code} = {@code jfrOff / noEventCode},
 * {@code jfr-on-vs-off-alternated} = the median over forks of each fork's ratio of
 * {@code jfrAlternated}'s even iterations to their odd neighbours ({@link Alternated} splits the
 * iterations).
 *
 * <p>Threading: one JMH thread; each configuration has its own state class, so a fork builds
 * only its own zone and the JIT profiles one configuration.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class Uma4jZoneJfrBenchmark {

    /** A zone built with nothing installed. */
    @State(Scope.Thread)
    public static class NoEventCode {
        @Param({"2048"})
        int size; // item size in bytes

        Zone<Buf> zone; // built at trial set-up

        /** Builds the zone. */
        @Setup(Level.Trial)
        public void setUp() {
            zone = Zone.builder("buf-" + size, size).registry(new ZoneRegistry()).build();
        }
    }

    /** A zone built after {@code UmaJfr.install}, no recording. */
    @State(Scope.Thread)
    public static class JfrOff {
        @Param({"2048"})
        int size; // item size in bytes

        Zone<Buf> zone; // built at trial set-up

        /** Installs the events on a private registry, then builds the zone in it. */
        @Setup(Level.Trial)
        public void setUp() {
            zone = installAndBuild(size);
        }

        /** Removes the events. */
        @TearDown(Level.Trial)
        public void tearDown() {
            UmaJfr.uninstall();
        }
    }

    /** A zone built after {@code UmaJfr.install}, with a recording of uma4j's settings running. */
    @State(Scope.Thread)
    public static class JfrRecording {
        @Param({"2048"})
        int size; // item size in bytes

        Zone<Buf> zone; // built at trial set-up
        Recording recording; // started at trial set-up, closed at tear-down

        /** Installs, builds the zone, then starts the recording. */
        @Setup(Level.Trial)
        public void setUp() {
            zone = installAndBuild(size);
            recording = startRecording();
        }

        /** Stops and discards the recording, then removes the events. */
        @TearDown(Level.Trial)
        public void tearDown() {
            recording.stop();
            recording.close();
            UmaJfr.uninstall();
        }
    }

    /** Rest before each {@link #jfrAlternated} iteration: the recorder's start or stop work is done by then. */
    static final long SETTLE_MILLIS = 1000;

    /** A zone built after {@code UmaJfr.install}; a recording in every second iteration. */
    @State(Scope.Thread)
    public static class JfrAlternated {
        @Param({"2048"})
        int size; // item size in bytes

        Zone<Buf> zone;       // built at trial set-up
        Recording recording;  // running during even iterations only
        final IterationSides sides = new IterationSides();

        /** Installs the events and builds the zone. */
        @Setup(Level.Trial)
        public void setUp() {
            zone = installAndBuild(size);
        }

        /**
         * Starts the recording before an even iteration, then rests before the timing starts.
         * The CPU time of both (the recorder's threads too) is not the operations'.
         */
        @Setup(Level.Iteration)
        public void beginIteration(IterationParams p) throws InterruptedException {
            CpuTimeProfiler.untimed(() -> {
                if (sides.beginEven(p)) {
                    recording = startRecording();
                }
                Thread.sleep(SETTLE_MILLIS); // both sides rest alike
            });
        }

        /** Stops the recording after an even iteration; the CPU time of that is not the operations'. */
        @TearDown(Level.Iteration)
        public void endIteration() {
            CpuTimeProfiler.untimed(() -> {
                if (recording != null) {
                    recording.stop();
                    recording.close();
                    recording = null;
                }
            });
        }

        /** Removes the events. */
        @TearDown(Level.Trial)
        public void tearDown() {
            endIteration();
            UmaJfr.uninstall();
        }
    }

    /** Starts a recording of uma4j's default settings and checks that its events are live. */
    static Recording startRecording() {
        Recording recording;
        try (Reader settings = UmaJfr.openSettings("uma4j")) {
            recording = new Recording(Configuration.create(settings));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("uma4j: cannot read settings \"uma4j\": " + e, e);
        }
        recording.setName("uma4j-benchmark");
        recording.start();
        // Registration happens when the recorder initialises: check that the events are live.
        boolean registered = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .anyMatch(t -> t.getName().equals("org.uma4j.ZoneStatistics") && t.isEnabled());
        if (!registered) {
            recording.close();
            throw new IllegalStateException("uma4j: org.uma4j.ZoneStatistics is not enabled in the recording");
        }
        return recording;
    }

    /** Installs uma4j's JFR events on a new registry, then builds a zone there: the zone gets the observer. */
    static Zone<Buf> installAndBuild(int size) {
        ZoneRegistry registry = new ZoneRegistry();
        if (!UmaJfr.install(registry)) {
            throw new IllegalStateException("uma4j: UmaJfr.install returned false: JFR is unavailable in this JVM"
                    + " or -Duma4j.jfr.enabled=false is set; the JFR figures need it");
        }
        return Zone.builder("buf-" + size, size).registry(registry).build();
    }

    /** 2 KiB {@code alloc(NOWAIT)} + {@code free}, nothing installed. */
    @Benchmark
    public void noEventCode(NoEventCode s, Blackhole bh) {
        Buf b = s.zone.alloc(Zone.NOWAIT);
        bh.consume(b);
        s.zone.free(b);
    }

    /** 2 KiB {@code alloc(NOWAIT)} + {@code free}, JFR events installed, no recording. */
    @Benchmark
    public void jfrOff(JfrOff s, Blackhole bh) {
        Buf b = s.zone.alloc(Zone.NOWAIT);
        bh.consume(b);
        s.zone.free(b);
    }

    /** 2 KiB {@code alloc(NOWAIT)} + {@code free}, JFR events installed, uma4j recording running. */
    @Benchmark
    public void jfrRecording(JfrRecording s, Blackhole bh) {
        Buf b = s.zone.alloc(Zone.NOWAIT);
        bh.consume(b);
        s.zone.free(b);
    }

    /** 2 KiB {@code alloc(NOWAIT)} + {@code free}, JFR events installed, uma4j recording in even iterations. */
    @Benchmark
    public void jfrAlternated(JfrAlternated s, Blackhole bh) {
        Buf b = s.zone.alloc(Zone.NOWAIT);
        bh.consume(b);
        s.zone.free(b);
    }
}
