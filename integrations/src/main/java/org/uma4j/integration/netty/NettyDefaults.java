package org.uma4j.integration.netty;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelConfig;
import org.uma4j.integration.BufZones;

/**
 * The part of {@link NettyIntegration} that needs Netty: loaded only after the check for it.
 * Signatures use {@code Object} so the caller links without Netty.
 *
 * <p>Threading: stateless; callers publish what it makes.
 */
final class NettyDefaults {
    private NettyDefaults() {
    }

    /** Makes an allocator over new {@code prefix-*} zones; direct from {@code direct}, or Netty's default. */
    static Object create(String prefix, Object direct) {
        return new ZoneByteBufAllocator(new BufZones(prefix), directDelegate(direct), true);
    }

    /** Returns a usable direct delegate: {@code candidate}, Netty's default, or the pooled one. */
    private static ByteBufAllocator directDelegate(Object candidate) {
        ByteBufAllocator d = candidate instanceof ByteBufAllocator
                ? (ByteBufAllocator) candidate : ByteBufAllocator.DEFAULT;
        // ByteBufAllocator.DEFAULT may already be ours (the clinit advice): never delegate to a zone allocator.
        return d instanceof ZoneByteBufAllocator ? PooledByteBufAllocator.DEFAULT : d;
    }

    /** Gives {@code config} the allocator if it has Netty's default; true if it uses {@code allocator} now. */
    static boolean applyTo(Object config, Object allocator) {
        ChannelConfig c = (ChannelConfig) config;
        if (c.getAllocator() != ByteBufAllocator.DEFAULT || allocator == null) {
            return c.getAllocator() == allocator;
        }
        c.setAllocator((ByteBufAllocator) allocator);
        return true;
    }
}
