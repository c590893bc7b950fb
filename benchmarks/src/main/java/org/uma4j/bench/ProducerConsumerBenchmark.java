package org.uma4j.bench;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Control;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneRegistry;

/**
 * Allocate on one thread, free on another: one producer allocates a {@code size}-byte buffer
 * and hands it through a bounded {@link SpscHandoff} ({@value #CAPACITY} slots) to one consumer,
 * which frees it. The figure is the consumer's throughput ({@code consume}, items freed per
 * microsecond); JMH's group score is the sum of both sides.
 *
 * <p>Subjects ({@code subject} parameter): {@code nettyDefaults} ({@code PooledByteBufAllocator.DEFAULT}),
 * {@code nettyCacheForAllThreads} (thread caches for the JMH threads too; a free from the
 * consumer goes to the producer's cache queue), {@code jetty} ({@code ArrayByteBufferPool}
 * defaults), {@code uma4j} (a default zone: the consumer's thread cache fills buckets that the
 * producer takes from the zone's bucket cache).
 *
 * <p>Threading: a JMH group of exactly one producer and one consumer thread sharing one
 * {@link Shared} state. A side that waits spins, then yields, and gives up when JMH ends the iteration, so an
 * iteration always ends; the items left in the hand-off are freed between iterations.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class ProducerConsumerBenchmark {

    static final int CAPACITY = 1024; // hand-off slots: the most items in flight
    static final int SPINS = 64;      // busy polls before a waiting side starts to yield

    /** One allocator under test, seen as alloc/free of opaque items. */
    interface Subject {
        Object alloc();

        void free(Object item);
    }

    /** The subject and the hand-off shared by the producer and the consumer of one group. */
    @State(Scope.Group)
    public static class Shared {
        @Param({"nettyDefaults", "nettyCacheForAllThreads", "jetty", "uma4j"})
        String subject; // which allocator

        @Param({"2048"})
        int size; // item size in bytes

        Subject allocator;    // set at trial set-up
        SpscHandoff handoff;  // set at trial set-up

        /** Builds the subject named by {@code subject}. */
        @Setup(Level.Trial)
        public void setUp() {
            allocator = subject(subject, size);
            handoff = new SpscHandoff(CAPACITY);
        }

        /** Frees what the producer handed over after the consumer stopped. */
        @TearDown(Level.Iteration)
        public void drain() {
            Object item;
            while ((item = handoff.poll()) != null) {
                allocator.free(item);
            }
        }
    }

    static Subject subject(String name, int size) {
        switch (name) {
            case "nettyDefaults":
                return netty(PooledByteBufAllocator.DEFAULT, size);
            case "nettyCacheForAllThreads":
                return netty(NettyPooledBenchmark.CACHE_FOR_ALL_THREADS, size);
            case "jetty":
                return jetty(new ArrayByteBufferPool(), size);
            case "uma4j":
                return uma4j(Zone.builder("buf-" + size, size).registry(new ZoneRegistry()).build());
            default:
                throw new IllegalArgumentException("subject: " + name
                        + " (expected: nettyDefaults, nettyCacheForAllThreads, jetty, uma4j)");
        }
    }

    static Subject netty(PooledByteBufAllocator a, int size) {
        return new Subject() {
            @Override
            public Object alloc() {
                return a.heapBuffer(size);
            }

            @Override
            public void free(Object item) {
                ((ByteBuf) item).release();
            }
        };
    }

    static Subject jetty(ArrayByteBufferPool pool, int size) {
        return new Subject() {
            @Override
            public Object alloc() {
                return pool.acquire(size, false);
            }

            @Override
            public void free(Object item) {
                ((RetainableByteBuffer) item).release();
            }
        };
    }

    static Subject uma4j(Zone<Buf> zone) {
        return new Subject() {
            @Override
            public Object alloc() {
                return zone.alloc(Zone.NOWAIT); // no limit: never null
            }

            @Override
            public void free(Object item) {
                zone.free((Buf) item);
            }
        };
    }

    /**
     * Waits a little for the other side: spins first, then yields, so that on a loaded 2-core
     * machine a side whose partner was descheduled gives its core back instead of burning it.
     */
    static void backOff(int idle) {
        if (idle < SPINS) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    /** Allocates one item and hands it over; waits while the hand-off is full. */
    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public void produce(Shared s, Control control) {
        Object item = s.allocator.alloc();
        for (int idle = 0; !s.handoff.offer(item); idle++) {
            if (control.stopMeasurement) {
                s.allocator.free(item); // the consumer has stopped: nobody will take it
                return;
            }
            backOff(idle);
        }
    }

    /** Takes one item and frees it; waits while the hand-off is empty. */
    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public void consume(Shared s, Control control) {
        Object item;
        for (int idle = 0; (item = s.handoff.poll()) == null; idle++) {
            if (control.stopMeasurement) {
                return;
            }
            backOff(idle);
        }
        s.allocator.free(item);
    }
}
