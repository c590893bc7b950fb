package org.uma4j.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The agent's cost per rewritten call, apart from any workload: one {@code ByteBuffer.wrap} of a
 * 64-byte array, handed to a {@link Blackhole} so that the buffer is really made.
 * <ul>
 *   <li>{@link #plain}: no agent in the fork;
 *   <li>{@link #owner}: the agent in account mode ({@link LogFramingBenchmark#AGENT}); the
 *       benchmark thread is the site's first caller, so it owns the site and the bridge counts
 *       the call in the site's cell itself;
 *   <li>{@link #otherThread}: the same, but another live thread called the site first and owns
 *       it, so the benchmark thread claims a stripe of the site's cell at its first call and the
 *       bridge counts its calls there (before 2026-11-28 05:00, every such call went to the
 *       recorder and was counted in the calling thread's own rows);
 *   <li>{@link #noStripe}: the same, but live threads hold every stripe of the site too, so
 *       every call goes to the recorder and is counted in the calling thread's own rows: a
 *       thread whose stripe index another live thread holds.
 * </ul>
 * The extra time over {@link #plain} is what each rewritten call adds to an application; twice
 * the {@link #owner} figure is the floor of {@link LogFramingBenchmark}'s agent overhead.
 *
 * <p>Threading: one JMH thread; {@link #otherThread}'s state parks a second thread for the
 * trial, {@link #noStripe}'s 257 more.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class AgentHookBenchmark {

    byte[] array = new byte[64]; // the wrapped bytes

    /** The one rewritten call site every benchmark here goes through. */
    static ByteBuffer wrap(byte[] a) {
        return ByteBuffer.wrap(a);
    }

    /** A thread that calls the site first, then stays alive (so it keeps the site) for the trial. */
    @State(Scope.Benchmark)
    public static class OtherOwner {
        private final CountDownLatch done = new CountDownLatch(1);
        private Thread owner;

        /** Starts the owner and waits until it has called the site. */
        @Setup(Level.Trial)
        public void setUp() throws InterruptedException {
            CountDownLatch called = new CountDownLatch(1);
            owner = new Thread(() -> {
                wrap(new byte[64]);
                called.countDown();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "site-owner");
            owner.setDaemon(true);
            owner.start();
            called.await();
        }

        /** Lets the owner end. */
        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            done.countDown();
            owner.join();
        }
    }

    /**
     * Threads that hold every stripe of the site, so that the benchmark thread has none: an
     * owner first, then one thread per stripe index. The agent's table has at most 256 stripes,
     * picked by thread id modulo its size, and the holders' ids run in sequence, so 256 of them
     * cover every index whatever the table's size.
     */
    @State(Scope.Benchmark)
    public static class AllStripesHeld {
        static final int MAX_STRIPES = 256;
        private final OtherOwner owner = new OtherOwner();
        private final OtherOwner[] holders = new OtherOwner[MAX_STRIPES];

        /** Starts the owner, then the holders one after another, each once it has called the site. */
        @Setup(Level.Trial)
        public void setUp() throws InterruptedException {
            owner.setUp();
            for (int i = 0; i < holders.length; i++) {
                holders[i] = new OtherOwner();
                holders[i].setUp();
            }
        }

        /** Lets them all end. */
        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            for (OtherOwner h : holders) {
                h.tearDown();
            }
            owner.tearDown();
        }
    }

    /** A wrap in a fork without the agent. */
    @Benchmark
    public void plain(Blackhole bh) {
        bh.consume(wrap(array));
    }

    /** A rewritten wrap, called by the site's owner. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", LogFramingBenchmark.AGENT})
    public void owner(Blackhole bh) {
        bh.consume(wrap(array));
    }

    /** A rewritten wrap, called by a thread that does not own the site. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", LogFramingBenchmark.AGENT})
    public void otherThread(OtherOwner other, Blackhole bh) {
        bh.consume(wrap(array));
    }

    /** A rewritten wrap, called by a thread that owns neither the site nor a stripe of it. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", LogFramingBenchmark.AGENT})
    public void noStripe(AllStripesHeld held, Blackhole bh) {
        bh.consume(wrap(array));
    }
}
