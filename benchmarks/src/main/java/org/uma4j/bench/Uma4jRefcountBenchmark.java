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
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneRegistry;

/**
 * A refcounted zone ({@code refcount()}, UMA_ZONE_REFCNT): {@code alloc(NOWAIT)} then
 * {@code b.release()}, the way code that shares buffers frees them, at 2 KiB. The nearest
 * peer call is Netty's {@code release()}.
 *
 * <p>Threading: one JMH thread; the zone is built per trial in a private registry.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class Uma4jRefcountBenchmark {

    @Param({"2048"})
    int size; // item size in bytes

    Zone<Buf> zone; // built at trial set-up

    /** Builds a refcounted zone of {@code size}-byte buffers. */
    @Setup(Level.Trial)
    public void setUp() {
        zone = Zone.builder("buf-" + size, size).refcount().registry(new ZoneRegistry()).build();
    }

    /** {@code alloc(NOWAIT)} + {@code release()} (the last reference frees). */
    @Benchmark
    public void allocRelease(Blackhole bh) {
        Buf b = zone.alloc(Zone.NOWAIT);
        bh.consume(b);
        b.release();
    }
}
