package org.uma4j.bench;

import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.infra.Blackhole;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.DebugHooks;
import org.uma4j.alloc.Item;
import org.uma4j.alloc.ItemObserver;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneObserver;
import org.uma4j.alloc.ZoneRegistry;

/**
 * The cost of the allocator's SPIs when something is installed that does nothing, against
 * nothing installed (issue 2: the seams must cost nothing). Both are a 2 KiB
 * {@code alloc(NOWAIT)} + {@code free}:
 * <ul>
 *   <li>{@link #none}: no {@code ZoneObserver}, {@code ItemObserver} or {@code DebugHooks}; no
 *       implementation of them is loaded in the fork;
 *   <li>{@link #emptySpis}: an empty {@link ZoneObserver}, an empty {@link ItemObserver} and
 *       {@link DebugHooks} with every default, all on the zone: each alloc and free takes the
 *       installed branches and calls the empty methods.
 * </ul>
 * Each method has its own state class, so each fork builds only its own zone and the JIT's
 * profile of the SPI branches is that of one configuration.
 *
 * <p>Threading: one JMH thread; zones are built per trial in private registries.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class Uma4jZoneSpiBenchmark {

    /** A zone with no SPI installed. */
    @State(Scope.Thread)
    public static class Plain {
        @Param({"2048"})
        int size; // item size in bytes

        Zone<Buf> zone; // built at trial set-up

        /** Builds the zone. */
        @Setup(Level.Trial)
        public void setUp() {
            zone = Zone.builder("buf-" + size, size).registry(new ZoneRegistry()).build();
        }
    }

    /** A zone with empty observers and debug hooks installed. */
    @State(Scope.Thread)
    public static class Observed {
        @Param({"2048"})
        int size; // item size in bytes

        Zone<Buf> zone; // built at trial set-up

        /** Builds the zone with the empty SPIs. */
        @Setup(Level.Trial)
        public void setUp() {
            zone = Zone.builder("buf-" + size, size).registry(new ZoneRegistry())
                    .observer(new EmptyZoneObserver())
                    .itemObserver(new EmptyItemObserver())
                    .debug(new EmptyDebugHooks())
                    .build();
        }
    }

    /** Slow-path events ignored. */
    static final class EmptyZoneObserver implements ZoneObserver {
    }

    /** Per-item events ignored. */
    static final class EmptyItemObserver extends ItemObserver {
        @Override
        public void onAlloc(Zone<?> zone, Item item, int site) {
        }

        @Override
        public void onFree(Zone<?> zone, Item item, int site) {
        }
    }

    /** Every debug hook at its default: check nothing, refuse nothing, keep nothing. */
    static final class EmptyDebugHooks extends DebugHooks {
    }

    /** 2 KiB {@code alloc(NOWAIT)} + {@code free}, nothing installed. */
    @Benchmark
    public void none(Plain s, Blackhole bh) {
        Buf b = s.zone.alloc(Zone.NOWAIT);
        bh.consume(b);
        s.zone.free(b);
    }

    /** 2 KiB {@code alloc(NOWAIT)} + {@code free}, empty observers and debug hooks installed. */
    @Benchmark
    public void emptySpis(Observed s, Blackhole bh) {
        Buf b = s.zone.alloc(Zone.NOWAIT);
        bh.consume(b);
        s.zone.free(b);
    }
}
