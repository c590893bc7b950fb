package org.uma4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds {@code cpu.time.norm}: CPU time the forked JVM spent per operation (all its threads:
 * the benchmark threads, GC and JIT), next to JMH's wall-clock score. On a shared 2-core
 * machine a burst of foreign work stretches wall time while the benchmark thread waits for a
 * core; CPU time does not count that wait, so its ratios stay close to the quiet machine's.
 * Caches and TLBs shared with the intruders still cost; this narrows the noise, it does not
 * remove it.
 *
 * <p>JMH's iteration set-up and tear-down run inside the window this profiler sees (JMH calls it
 * before the set-up and after the tear-down). A state whose per-iteration set-up does heavy work
 * that is not the operations' (starting a JFR recording, {@link Uma4jZoneJfrBenchmark}; opening
 * and closing an all-threads leak scope, {@link Uma4jDebugBenchmark}) runs it through
 * {@link #untimed}, and the profiler leaves its CPU time out.
 *
 * <p>Use: {@code -prof org.uma4j.bench.CpuTimeProfiler} ({@code run.sh} always adds it).
 *
 * <p>Threading: JMH calls it from the fork's control thread, before and after each iteration;
 * {@link #untimed} is called by benchmark threads (an atomic sum).
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private static final AtomicLong UNTIMED = new AtomicLong(); // ns reported by untimed(), ever
    private static final com.sun.management.OperatingSystemMXBean OS = os(); // null where the JDK lacks it

    private long start; // process CPU time at the iteration's start, ns; control thread only
    private long untimedAtStart; // UNTIMED then; control thread only

    /** Created by JMH in the forked JVM. */
    public CpuTimeProfiler() {
    }

    private static com.sun.management.OperatingSystemMXBean os() {
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        return bean instanceof com.sun.management.OperatingSystemMXBean
                ? (com.sun.management.OperatingSystemMXBean) bean : null;
    }

    @Override
    public String getDescription() {
        return "process CPU time per operation (cpu.time.norm, ns/op)";
    }

    /** The fork's process CPU time in ns (all threads), or -1 where the JDK cannot tell. */
    static long processCpuTime() {
        return OS == null ? -1 : OS.getProcessCpuTime();
    }

    /** An iteration set-up or tear-down step, run by {@link #untimed(Step)}. */
    @FunctionalInterface
    interface Step<E extends Exception> {
        void run() throws E;
    }

    /**
     * Runs an iteration set-up or tear-down step and leaves the process CPU time it spent out of
     * the current iteration's figure (all threads, so also other threads' work the step started,
     * such as a recorder's).
     */
    static <E extends Exception> void untimed(Step<E> step) throws E {
        long cpu = processCpuTime();
        try {
            step.run();
        } finally {
            long spent = processCpuTime() - cpu; // 0 where the JDK cannot tell (-1 - -1)
            if (spent > 0) {
                UNTIMED.addAndGet(spent);
            }
        }
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        start = processCpuTime();
        untimedAtStart = UNTIMED.get();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long ops = result.getMetadata().getAllOps();
        if (start < 0 || ops <= 0) {
            return List.of();
        }
        long cpu = processCpuTime() - start - (UNTIMED.get() - untimedAtStart);
        double perOp = (double) Math.max(0, cpu) / ops;
        return List.of(new ScalarResult("cpu.time.norm", perOp, "ns/op", AggregationPolicy.AVG));
    }
}
