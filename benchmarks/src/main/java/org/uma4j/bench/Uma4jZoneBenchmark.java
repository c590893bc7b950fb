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
 * uma4j's fast path: {@code zone.alloc(Zone.NOWAIT)} + {@code zone.free(b)} of a {@link Buf} on
 * one thread, on a zone with defaults (packed slabs, no limit, no hooks, no SPI). After the
 * first bucket import every operation is a pop and a push on the thread's own cache.
 *
 * <p>Threading: one JMH thread; the zone is built per trial in a private registry.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class Uma4jZoneBenchmark {

    @Param({"256", "2048", "16384"})
    int size; // item size in bytes

    Zone<Buf> zone; // built at trial set-up

    /** Builds a default zone of {@code size}-byte buffers. */
    @Setup(Level.Trial)
    public void setUp() {
        zone = Zone.builder("buf-" + size, size).registry(new ZoneRegistry()).build();
    }

    /** {@code alloc(NOWAIT)} + {@code free}. */
    @Benchmark
    public void allocFree(Blackhole bh) {
        Buf b = zone.alloc(Zone.NOWAIT);
        bh.consume(b);
        zone.free(b);
    }
}
