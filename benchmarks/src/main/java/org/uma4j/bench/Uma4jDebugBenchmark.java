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
import org.openjdk.jmh.infra.IterationParams;
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
 * no stacks, no generation handles), for the debug figures of issue 9, each against {@link #off}
 * (no debug layer, the same state shape and calls):
 * <ul>
 *   <li>{@link #trash}: TRASH only. Free fills the item with the trash pattern, the next alloc
 *       verifies it: against {@link FillAndMismatchBenchmark}, the memory-bandwidth floor. With
 *       TRASH alone the zone gets the layer's lean trash hooks (fill, verify, two site ids per
 *       item), not the general bookkeeping that {@link #bookkeeping} measures;
 *   <li>{@link #trashSwitchedOff}: a zone built with TRASH, the detector then switched off:
 *       the trash hooks' own cost, which splits {@link #trash} into hooks and fill + verify.
 *       An extra row, not a figure;
 *   <li>{@link #leakScope}: leak tracking of every allocation by site without stacks, against
 *       {@link #off}: the debug layer installed
 *       with every detector off, an all-threads {@link LeakScope} open, each allocation passing
 *       a registered site id. Such a scope compares the allocator's own per-item state, site and
 *       generation at close with a snapshot taken at open, so the zone gets no per-item hooks;
 *   <li>{@link #leakAlternated}: the same figure within each fork: one zone as in
 *       {@link #leakScope}, the all-threads scope opened before every even iteration and closed
 *       (and checked) after it, so the same compiled code in the same fork is timed with and
 *       without tracking. The two forks of {@link #leakScope} and {@link #off} run the same
 *       machine code, yet their states' shapes and heaps differ, which on JDK 17 put them about
 *       1 ns apart on one host; here that cancels. The scope's open and close (a scan each) are
 *       left out of the operations' CPU time. Its "off" iterations have the layer's keg binder on
 *       the zone, which only a slab's growth calls;
 *   <li>{@link #bookkeeping}: the hooks installed with only REFCOUNT on (nothing to check on a
 *       plain alloc + free): the per-item bookkeeping every detector pays. An extra row;
 *   <li>{@link #threadScope}: SCOPE only, inside a per-thread {@link LeakScope}, each allocation
 *       passing a site id: the per-item bookkeeping a thread-confined scope needs (record lookup,
 *       state transitions, the thread's scope). An extra row, not a figure.
 * </ul>
 * Where a detector is on, the per-item work the layer does for it (for TRASH alone the lean
 * hooks, for the others the record lookup and state transitions) is included: it is what
 * switching the detector on costs.
 *
 * <p>Threading: one JMH thread. A per-thread scope is bound to the thread that opens it, so
 * scopes are opened in the trial set-up, which JMH runs on the benchmark thread; the tear-downs
 * close the scopes and fail the run if a scope counted no allocation, or if closing it reported
 * a leak (every benchmark allocation is freed: a report would be a false positive).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class Uma4jDebugBenchmark {

    /** A debug configuration with only {@code on} switched on (null: none), for every item. */
    static DebugConfig only(Detector on, SiteTable sites) {
        DebugConfig.Builder b = DebugConfig.builder(org.uma4j.dbg.Level.BASIC).sites(sites);
        for (Detector d : Detector.values()) {
            b.enable(d, d == on);
        }
        return b.build();
    }

    /**
     * Tracking off: a plain zone called the same way as the others here (with a site id), so the
     * on/off figures compare the detector and not the calls. Its state has fewer fields than
     * {@link Scoped}'s, and identical zone code measured in differently shaped JMH states lands
     * up to 2 ns apart; {@link #leakAlternated} measures the leak figure within one fork instead.
     */
    @State(Scope.Thread)
    public static class Off {
        @Param({"256", "2048", "16384"})
        int size; // item size in bytes

        Zone<Buf> zone; // built at trial set-up
        int site;       // a site id, as the scoped benchmarks pass

        /** Builds the zone, with no debug layer. */
        @Setup(Level.Trial)
        public void setUp() {
            zone = Zone.builder("buf-" + size, size).registry(new ZoneRegistry()).build();
            site = new SiteTable().register(Uma4jDebugBenchmark.class.getName(), "off", "Uma4jDebugBenchmark.java", 1);
        }
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

    /**
     * A zone built with TRASH, then TRASH switched off for it ({@code ZoneChecks.setEnabled}, as
     * over JMX): the lean trash hooks run on every alloc and free but fill and verify nothing.
     * What a zone keeps paying for its trash hooks with the detector off, and the part of
     * {@link #trash}'s cost that is not the fill and the verify.
     */
    @State(Scope.Thread)
    public static class TrashSwitchedOff {
        @Param({"256"})
        int size; // item size in bytes

        Zone<Buf> zone; // built at trial set-up

        /**
         * Builds the zone with TRASH on and allocates and frees 64 items, so the items the loop
         * reuses have been through the trash hooks' whole cycle (record attached, filled), as in
         * {@link Trash}; then switches TRASH off.
         */
        @Setup(Level.Trial)
        public void setUp() {
            UmaDbg dbg = UmaDbg.create(only(Detector.TRASH, new SiteTable()));
            String name = "buf-" + size;
            zone = dbg.configure(Zone.builder(name, size).registry(new ZoneRegistry())).build();
            Buf[] held = new Buf[64];
            for (int i = 0; i < held.length; i++) {
                held[i] = zone.alloc(Zone.NOWAIT);
            }
            for (Buf b : held) {
                zone.free(b); // filled with trash while TRASH is on
            }
            dbg.zone(name).setEnabled(Detector.TRASH, false);
        }
    }

    /**
     * A zone with the debug hooks installed and only REFCOUNT on, which checks nothing on an
     * alloc + free that does not retain or release: what the per-item bookkeeping alone costs
     * (record lookup, state transitions, sites), the fixed part of every detector's cost.
     */
    @State(Scope.Thread)
    public static class Bookkeeping {
        @Param({"256"})
        int size; // item size in bytes

        Zone<Buf> zone; // built at trial set-up

        /** Builds the zone with REFCOUNT on. */
        @Setup(Level.Trial)
        public void setUp() {
            UmaDbg dbg = UmaDbg.create(only(Detector.REFCOUNT, new SiteTable()));
            zone = dbg.configure(Zone.builder("buf-" + size, size).registry(new ZoneRegistry())).build();
        }
    }

    /** A zone built by the debug layer, a site id, and a leak scope its subclass opens and closes. */
    @State(Scope.Thread)
    public abstract static class ScopeZone {
        @Param({"2048"})
        int size; // item size in bytes

        Zone<Buf> zone;   // built at trial set-up
        UmaDbg dbg;       // the layer, policy log
        LeakScope scope;  // open as the subclass says
        int site;         // the benchmark method's site id

        /** Builds the zone with {@code on} switched on (null: every detector off) and registers {@code method}'s site. */
        void build(Detector on, String method) {
            SiteTable sites = new SiteTable();
            dbg = UmaDbg.create(only(on, sites));
            zone = dbg.configure(Zone.builder("buf-" + size, size).registry(new ZoneRegistry())).build();
            site = sites.register(Uma4jDebugBenchmark.class.getName(), method, "Uma4jDebugBenchmark.java", 1);
        }
    }

    /** A zone with leak tracking, a scope open for the whole trial, and a site id. */
    @State(Scope.Thread)
    public abstract static class Scoped extends ScopeZone {
        /** Builds the zone with {@code on} switched on (null: every detector off) and opens the scope. */
        void setUp(Detector on, boolean allThreads) {
            build(on, "leakScope");
            scope = dbg.openScope("benchmark", allThreads);
        }

        /** Closes the scope; fails if it counted nothing or reported a leak. */
        @TearDown(Level.Trial)
        public void tearDown() {
            closeChecked(scope, dbg);
        }
    }

    /** Closes {@code scope}; fails the run if it counted no allocation or {@code dbg} has a finding. */
    static void closeChecked(LeakScope scope, UmaDbg dbg) {
        long counted = scope.allocations();
        scope.close();
        if (counted == 0) {
            throw new IllegalStateException("scope: 0 allocations counted (expected: every benchmark allocation)");
        }
        if (dbg.findings().count() != 0) {
            throw new IllegalStateException("scope: " + dbg.findings().count()
                    + " findings (expected: none, every allocation was freed)");
        }
    }

    /**
     * Every detector off, as {@link ZoneWide}, but the all-threads scope is open in even
     * iterations only, so the same compiled code in the same fork is timed with and without
     * tracking ({@link #leakAlternated}).
     */
    @State(Scope.Thread)
    public static class ScopeAlternated extends ScopeZone {
        final IterationSides sides = new IterationSides(); // the scope is open during even iterations only

        /** Builds the zone with every detector off; no scope yet. */
        @Setup(Level.Trial)
        public void setUp() {
            build(null, "leakAlternated");
        }

        /** Opens the scope before an even iteration; the CPU time of that (a scan) is not the operations'. */
        @Setup(Level.Iteration)
        public void beginIteration(IterationParams p) {
            CpuTimeProfiler.untimed(() -> {
                if (sides.beginEven(p)) {
                    scope = dbg.openScope("benchmark", true);
                }
            });
        }

        /** Closes the scope after an even iteration, checked as {@link Scoped}'s; its CPU time is not the operations'. */
        @TearDown(Level.Iteration)
        public void endIteration() {
            CpuTimeProfiler.untimed(() -> {
                if (scope != null) {
                    LeakScope s = scope;
                    scope = null;
                    closeChecked(s, dbg);
                }
            });
        }
    }

    /** Every detector off, an all-threads scope: tracking by the allocator's own item state. */
    @State(Scope.Thread)
    public static class ZoneWide extends Scoped {
        /** Builds the zone and opens the scope. */
        @Setup(Level.Trial)
        public void setUp() {
            setUp(null, true);
        }
    }

    /** SCOPE on, a per-thread scope opened on the benchmark thread. */
    @State(Scope.Thread)
    public static class ThreadScoped extends Scoped {
        /** Builds the zone and opens the scope. */
        @Setup(Level.Trial)
        public void setUp() {
            setUp(Detector.SCOPE, false);
        }
    }

    /** alloc(NOWAIT, site) + free(b, site) with no debug layer: the "off" of every figure here. */
    @Benchmark
    public void off(Off s, Blackhole bh) {
        Buf b = s.zone.alloc(Zone.NOWAIT, s.site);
        bh.consume(b);
        s.zone.free(b, s.site);
    }

    /** alloc + free with the hooks' bookkeeping only. */
    @Benchmark
    public void bookkeeping(Bookkeeping s, Blackhole bh) {
        Buf b = s.zone.alloc(Zone.NOWAIT);
        bh.consume(b);
        s.zone.free(b);
    }

    /** alloc + free with TRASH on. */
    @Benchmark
    public void trash(Trash s, Blackhole bh) {
        Buf b = s.zone.alloc(Zone.NOWAIT);
        bh.consume(b);
        s.zone.free(b);
    }

    /** alloc + free in a zone built with TRASH, TRASH switched off: the trash hooks without the fill and the verify. */
    @Benchmark
    public void trashSwitchedOff(TrashSwitchedOff s, Blackhole bh) {
        Buf b = s.zone.alloc(Zone.NOWAIT);
        bh.consume(b);
        s.zone.free(b);
    }

    /** alloc(NOWAIT, site) + free(b, site) inside an open all-threads leak scope, no detector on. */
    @Benchmark
    public void leakScope(ZoneWide s, Blackhole bh) {
        Buf b = s.zone.alloc(Zone.NOWAIT, s.site);
        bh.consume(b);
        s.zone.free(b, s.site);
    }

    /** alloc(NOWAIT, site) + free(b, site), every detector off, an all-threads leak scope open in even iterations. */
    @Benchmark
    public void leakAlternated(ScopeAlternated s, Blackhole bh) {
        Buf b = s.zone.alloc(Zone.NOWAIT, s.site);
        bh.consume(b);
        s.zone.free(b, s.site);
    }

    /** alloc(NOWAIT, site) + free(b, site) with SCOPE on, inside an open per-thread leak scope. */
    @Benchmark
    public void threadScope(ThreadScoped s, Blackhole bh) {
        Buf b = s.zone.alloc(Zone.NOWAIT, s.site);
        bh.consume(b);
        s.zone.free(b, s.site);
    }
}
