package org.uma4j.bench;

import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
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
 * Jetty 12.1's {@code ArrayByteBufferPool} at its defaults (linear 4 KiB buckets up to 64 KiB,
 * statistics off): {@code acquire(size, false)} (a heap buffer) then {@code release()} on one
 * thread.
 *
 * <p>Threading: one JMH thread; the pool is Jetty's own thread-safe object.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class JettyArrayByteBufferPoolBenchmark {

    final ArrayByteBufferPool pool = new ArrayByteBufferPool(); // defaults, one per fork

    @Param({"256", "2048", "16384"})
    int size; // item size in bytes

    /** {@code acquire(size, false)} + {@code release()}. */
    @Benchmark
    public void allocFree(Blackhole bh) {
        RetainableByteBuffer b = pool.acquire(size, false);
        bh.consume(b);
        b.release();
    }
}
