package org.uma4j.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The unpooled baseline: {@code ByteBuffer.allocate(size)} on one thread; the "free" is the
 * garbage collector's. The buffer goes to a {@link Blackhole} so escape analysis cannot remove
 * the allocation.
 *
 * <p>Threading: one JMH thread, no shared state.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class ByteBufferAllocateBenchmark {

    @Param({"256", "2048", "16384"})
    int size; // item size in bytes

    /** Allocates a heap buffer and hands it to the blackhole. */
    @Benchmark
    public void allocFree(Blackhole bh) {
        bh.consume(ByteBuffer.allocate(size));
    }
}
