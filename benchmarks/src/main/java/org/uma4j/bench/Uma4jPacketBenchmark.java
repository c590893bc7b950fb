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
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.mbuf.Mbuf;
import org.uma4j.mbuf.MbufDescriptor;
import org.uma4j.mbuf.Mbufs;

/**
 * mbuma's Packet zone: {@code getcl(NOWAIT, MT_DATA, M_PKTHDR)} (an mbuf with a 2 KiB cluster
 * attached, one cache pop from the packet zone) + {@code freem()} (one cache push), against a
 * plain 2 KiB zone alloc + free ({@link Uma4jZoneBenchmark}) in the same run.
 *
 * <p>Threading: one JMH thread; the mbuf family is built per trial in a private registry, with
 * its default limits.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class Uma4jPacketBenchmark {

    @Param({"2048"})
    int size; // the cluster size: getcl always attaches an MCLBYTES cluster; the key for Ratios

    Mbufs mbufs; // built at trial set-up

    /** Builds an mbuf family. */
    @Setup(Level.Trial)
    public void setUp() {
        if (size != MbufDescriptor.MCLBYTES) {
            throw new IllegalArgumentException("size: " + size + " (expected: " + MbufDescriptor.MCLBYTES
                    + ", MCLBYTES: getcl attaches clusters of that size only)");
        }
        mbufs = Mbufs.builder().registry(new ZoneRegistry()).build();
    }

    /** {@code getcl} + {@code freem} of a one-mbuf packet. */
    @Benchmark
    public void getclFreem(Blackhole bh) {
        Mbuf m = mbufs.getcl(Zone.NOWAIT, Mbuf.MT_DATA, Mbuf.M_PKTHDR);
        bh.consume(m);
        m.freem();
    }
}
