package org.uma4j.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The memory-bandwidth floor for trash/verify: fill an item's bytes with a pattern
 * ({@code Arrays.fill}) and compare them against the pattern ({@code Arrays.mismatch}), as a
 * trash dtor plus a trash ctor must at the least. The trash figure is a ratio against this.
 *
 * <p>Threading: one JMH thread, no shared state.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class FillAndMismatchBenchmark {

    static final byte TRASH = (byte) 0xde; // one byte of uma_dbg's 0xdeadc0de

    @Param({"256", "2048", "16384"})
    int size; // item size in bytes

    byte[] item;    // written every invocation
    byte[] pattern; // read-only after setup

    /** Allocates the item and a pattern array of the same size. */
    @Setup
    public void setUp() {
        item = new byte[size];
        pattern = new byte[size];
        Arrays.fill(pattern, TRASH);
    }

    /** Fills the item and returns the first mismatch against the pattern (-1: none). */
    @Benchmark
    public int fillAndMismatch() {
        Arrays.fill(item, TRASH);
        return Arrays.mismatch(item, pattern);
    }
}
