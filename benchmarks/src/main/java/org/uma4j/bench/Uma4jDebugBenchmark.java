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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.dbg.DebugConfig;
import org.uma4j.dbg.Detector;
import org.uma4j.dbg.LeakScope;
import org.uma4j.dbg.UmaDbg;
import org.uma4j.dbg.SiteTable;

/**
 * uma4j alloc + free with one detector of the debug layer on (every item checked, policy log,
 * no stacks, no generation handles), for the debug figures of issue 9:
 * <ul>
 *   <li>{@link #trash}: TRASH only. Free fills the item with the trash pattern, the next alloc
 *       verifies it: against {@link FillAndMismatchBenchmark}, the memory-bandwidth floor;
 *   <li>{@link #leakScope}: SCOPE only, inside an open {@link LeakScope}, each allocation passing
 *       a registered site id: leak tracking of every allocation by site without stacks, against
 *       the plain zone of {@link Uma4jZoneBenchmark} (tracking off).
 * </ul>
 * Either way the layer's per-item bookkeeping (record lookup, state transitions) is included:
 * it is what switching the detector on costs.
 *
 * <p>Threading: one JMH thread. The leak scope is bound to the thread that opens it, so it is
 * opened in the trial set-up, which JMH runs on the benchmark thread; the tear-down fails the
 * run if no allocation was counted in it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class Uma4jDebugBenchmark {

    /** A debug configuration with only {@code on} switched on, for every item. */
    static DebugConfig only(Detector on, SiteTable sites) {
        DebugConfig.Builder b = DebugConfig.builder(org.uma4j.dbg.Level.BASIC).sites(sites);
        for (Detector d : Detector.values()) {
            b.enable(d, d == on);
        }
        return b.build();
    }

    /** A zone with trash fill and verify. */
    @State(Scope.Thread)
    public static class Trash {
        @Param({"256", "2048", "16384"})
        int size; // item size in bytes

        Zone<Buf> zone; // built at trial set-up

        /** Builds the zone with TRASH on. */
        @Setup(Level.Trial)
        public void setUp() {
            UmaDbg dbg = UmaDbg.create(only(Detector.TRASH, new SiteTable()));
            zone = dbg.configure(Zone.builder("buf-" + size, size).registry(new ZoneRegistry())).build();
        }
    }

    /** A zone with leak scopes, a scope open on the benchmark thread, and a site id. */
    @State(Scope.Thread)
    public static class Scoped {
        @Param({"2048"})
        int size; // item size in bytes

        Zone<Buf> zone;   // built at trial set-up
        LeakScope scope;  // open for the whole trial, on the benchmark thread
        int site;         // the benchmark method's site id

        /** Builds the zone with SCOPE on and opens the scope. */
        @Setup(Level.Trial)
        public void setUp() {
            SiteTable sites = new SiteTable();
            UmaDbg dbg = UmaDbg.create(only(Detector.SCOPE, sites));
            zone = dbg.configure(Zone.builder("buf-" + size, size).registry(new ZoneRegistry())).build();
            site = sites.register(Uma4jDebugBenchmark.class.getName(), "leakScope", "Uma4jDebugBenchmark.java", 1);
            scope = dbg.openScope("benchmark");
        }

        /** Closes the scope; fails if it counted nothing (it was opened on another thread). */
        @TearDown(Level.Trial)
        public void tearDown() {
            long counted = scope.allocations();
            scope.close();
            if (counted == 0) {
                throw new IllegalStateException("scope: 0 allocations counted (expected: every benchmark allocation)");
            }
        }
    }

    /** alloc + free with TRASH on. */
    @Benchmark
    public void trash(Trash s, Blackhole bh) {
        Buf b = s.zone.alloc(Zone.NOWAIT);
        bh.consume(b);
        s.zone.free(b);
    }

    /** alloc(NOWAIT, site) + free(b, site) with SCOPE on, inside an open leak scope. */
    @Benchmark
    public void leakScope(Scoped s, Blackhole bh) {
        Buf b = s.zone.alloc(Zone.NOWAIT, s.site);
        bh.consume(b);
        s.zone.free(b, s.site);
    }
}
