package org.uma4j.bench;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
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
 * Netty 4.2's {@code PooledByteBufAllocator}, heap buffers: {@code heapBuffer(size)} then
 * {@code release()} on one thread.
 *
 * <ul>
 *   <li>{@link #defaults}: {@code PooledByteBufAllocator.DEFAULT}, exactly as Netty ships it. The
 *       JMH thread is not a {@code FastThreadLocalThread}, so it gets no thread cache and every
 *       alloc and free goes to the arena; Netty's default leak detector (SIMPLE, sampled) stays on.
 *   <li>{@link #cacheForAllThreads}: Netty's default geometry with {@code useCacheForAllThreads}
 *       set, so the JMH thread gets a {@code PoolThreadCache}: Netty's fastest single-thread path.
 * </ul>
 *
 * <p>Threading: one JMH thread; the allocators are Netty's own thread-safe objects.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class NettyPooledBenchmark {

    /** Netty's default pooled allocator, as an application that never configures it sees it. */
    static final PooledByteBufAllocator DEFAULTS = PooledByteBufAllocator.DEFAULT;

    /** Netty's default geometry, with thread caches for every thread. */
    static final PooledByteBufAllocator CACHE_FOR_ALL_THREADS = new PooledByteBufAllocator(
            false,
            PooledByteBufAllocator.defaultNumHeapArena(),
            PooledByteBufAllocator.defaultNumDirectArena(),
            PooledByteBufAllocator.defaultPageSize(),
            PooledByteBufAllocator.defaultMaxOrder(),
            PooledByteBufAllocator.defaultSmallCacheSize(),
            PooledByteBufAllocator.defaultNormalCacheSize(),
            true);

    @Param({"256", "2048", "16384"})
    int size; // item size in bytes

    /** {@code heapBuffer} + {@code release} on {@code PooledByteBufAllocator.DEFAULT}. */
    @Benchmark
    public void defaults(Blackhole bh) {
        ByteBuf b = DEFAULTS.heapBuffer(size);
        bh.consume(b);
        b.release();
    }

    /** {@code heapBuffer} + {@code release} with a thread cache for the JMH thread. */
    @Benchmark
    public void cacheForAllThreads(Blackhole bh) {
        ByteBuf b = CACHE_FOR_ALL_THREADS.heapBuffer(size);
        bh.consume(b);
        b.release();
    }
}
