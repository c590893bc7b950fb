package org.uma4j.integration.netty;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.ChannelOption;
import java.util.Objects;
import org.uma4j.integration.BufZones;

/**
 * A Netty {@link ByteBufAllocator} whose heap buffers are items of uma4j size-class zones
 * ({@link BufZones}); direct buffers come from a delegate (Netty's own allocator).
 *
 * <pre>{@code
 * ServerBootstrap b = ZoneByteBufAllocator.shared().configure(new ServerBootstrap());
 * // or with zones of your own:
 * ZoneByteBufAllocator alloc = new ZoneByteBufAllocator(new BufZones("rpc"),
 *         PooledByteBufAllocator.DEFAULT, true);
 * new Bootstrap().option(ChannelOption.ALLOCATOR, alloc)...
 * }</pre>
 *
 * <p>What changes for the application: {@link #buffer()} and, with {@code heapForIo},
 * {@link #ioBuffer()} return heap buffers, so channel reads and most handler allocations are
 * served by the zones, where trash/verify, duplicate-free and leak detection apply. A heap
 * buffer costs one copy per socket operation (the JDK copies it through a temporary direct
 * buffer, or Netty's NIO transport copies it into a pooled direct one before writing), the
 * price Netty's own heap allocators pay too. {@link #directBuffer()} is the delegate's.
 *
 * <p>Every heap buffer is passed through {@code toLeakAwareBuffer}, so Netty's
 * {@code ResourceLeakDetector} keeps working alongside uma4j's detectors.
 *
 * <p>Threading: safe for any number of threads, like the zones and the delegate.
 */
public final class ZoneByteBufAllocator extends AbstractByteBufAllocator implements ByteBufAllocatorMetricProvider {
    private final BufZones zones;           // heap buffer storage
    private final ByteBufAllocator direct;  // direct buffers
    private final boolean heapForIo;        // ioBuffer() returns heap buffers
    private final ByteBufAllocatorMetric metric = new ByteBufAllocatorMetric() {
        @Override
        public long usedHeapMemory() {
            return zones.usedBytes();
        }

        @Override
        public long usedDirectMemory() {
            return direct instanceof ByteBufAllocatorMetricProvider
                    ? ((ByteBufAllocatorMetricProvider) direct).metric().usedDirectMemory() : -1;
        }
    };

    /**
     * Creates an allocator over {@code zones}.
     *
     * @param zones the size-class zones that hold the heap buffers
     * @param direct the allocator of direct buffers, usually Netty's default
     * @param heapForIo true to serve {@link #ioBuffer()} from the zones (what makes channel
     *        reads visible to uma4j), false to keep Netty's choice (direct when available)
     */
    public ZoneByteBufAllocator(BufZones zones, ByteBufAllocator direct, boolean heapForIo) {
        super(false);
        this.zones = Objects.requireNonNull(zones, "zones");
        this.direct = Objects.requireNonNull(direct, "direct");
        if (direct instanceof ZoneByteBufAllocator) {
            throw new IllegalArgumentException("direct: " + direct + " (expected: an allocator of direct buffers,"
                    + " not another ZoneByteBufAllocator)");
        }
        this.heapForIo = heapForIo;
        // Netty's buffer classes and its read-buffer sizing are plumbing: a captured site is the
        // frame that asked for the buffer (a handler, a codec, or the channel's read loop).
        zones.skipCallerFrames("io.netty.buffer.", "io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator",
                "io.netty.channel.AdaptiveRecvByteBufAllocator", "io.netty.channel.RecvByteBufAllocator",
                "io.netty.util.ReferenceCountUtil");
    }

    /**
     * Returns the process-wide allocator, made on first use: zones {@code netty-64} ...
     * {@code netty-65536} in the global registry, Netty's default allocator for direct buffers,
     * heap buffers for I/O. The agent gives it to channels through {@link NettyIntegration}.
     */
    public static ZoneByteBufAllocator shared() {
        return (ZoneByteBufAllocator) NettyIntegration.sharedAllocator(null);
    }

    /**
     * Sets this allocator as {@code ChannelOption.ALLOCATOR} of a bootstrap, and of the
     * accepted channels for a {@link ServerBootstrap}.
     *
     * @return the bootstrap
     */
    public <B extends AbstractBootstrap<B, ?>> B configure(B bootstrap) {
        bootstrap.option(ChannelOption.ALLOCATOR, this);
        if (bootstrap instanceof ServerBootstrap) {
            ((ServerBootstrap) bootstrap).childOption(ChannelOption.ALLOCATOR, this);
        }
        return bootstrap;
    }

    /** Returns the zones that hold the heap buffers. */
    public BufZones zones() {
        return zones;
    }

    /** Returns the allocator of direct buffers. */
    public ByteBufAllocator directDelegate() {
        return direct;
    }

    /** Returns true if {@link #ioBuffer()} is served from the zones. */
    public boolean isHeapForIo() {
        return heapForIo;
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return toLeakAwareBuffer(new ZoneHeapByteBuf(this, initialCapacity, maxCapacity));
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return direct.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf ioBuffer() {
        return heapForIo ? heapBuffer() : super.ioBuffer();
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity) {
        return heapForIo ? heapBuffer(initialCapacity) : super.ioBuffer(initialCapacity);
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity, int maxCapacity) {
        return heapForIo ? heapBuffer(initialCapacity, maxCapacity) : super.ioBuffer(initialCapacity, maxCapacity);
    }

    /**
     * Returns the delegate's answer: Netty's NIO transport copies a heap buffer into a direct
     * one from this allocator before writing only when direct buffers are pooled.
     */
    @Override
    public boolean isDirectBufferPooled() {
        return direct.isDirectBufferPooled();
    }

    /** Returns used heap bytes (item-held, at class size) and the delegate's used direct bytes (-1 if unknown). */
    @Override
    public ByteBufAllocatorMetric metric() {
        return metric;
    }

    @Override
    public String toString() {
        return "ZoneByteBufAllocator(" + zones + ", direct: " + direct.getClass().getSimpleName()
                + ", heapForIo: " + heapForIo + ")";
    }
}
