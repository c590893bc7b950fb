package org.uma4j.integration.netty;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The install hooks, as the agent's advice would call them. */
class NettyIntegrationTest {

    @AfterEach
    void uninstall() {
        NettyIntegration.uninstall();
    }

    @Test
    void applyToGivesChannelsWithTheDefaultAllocatorTheZoneAllocator() {
        NioSocketChannel before = new NioSocketChannel();
        assertFalse(NettyIntegration.applyTo(before.config()), "does nothing before installAsDefault");
        assertSame(ByteBufAllocator.DEFAULT, before.config().getAllocator());

        assertTrue(NettyIntegration.installAsDefault());
        assertTrue(NettyIntegration.installAsDefault(), "idempotent");
        NioSocketChannel ch = new NioSocketChannel();
        assertTrue(NettyIntegration.applyTo(ch.config())); // what the advice at the constructor's exit does
        assertSame(ZoneByteBufAllocator.shared(), ch.config().getAllocator());
        assertSame(ByteBufAllocator.DEFAULT, ZoneByteBufAllocator.shared().directDelegate());

        NioSocketChannel own = new NioSocketChannel();
        own.config().setAllocator(UnpooledByteBufAllocator.DEFAULT);
        assertFalse(NettyIntegration.applyTo(own.config()), "an allocator the application chose wins");
        assertSame(UnpooledByteBufAllocator.DEFAULT, own.config().getAllocator());
        ch.unsafe().closeForcibly();
        own.unsafe().closeForcibly();
        before.unsafe().closeForcibly();
    }

    @Test
    void defaultAllocatorReplacesNettysChoiceOnlyWhenInstalled() {
        Object original = UnpooledByteBufAllocator.DEFAULT;
        assertSame(original, NettyIntegration.defaultAllocator(original));
        NettyIntegration.installAsDefault();
        assertSame(ZoneByteBufAllocator.shared(), NettyIntegration.defaultAllocator(original));
    }

    @Test
    void configureSetsTheAllocatorOnParentAndChildChannels() {
        ServerBootstrap b = ZoneByteBufAllocator.shared().configure(new ServerBootstrap());
        assertSame(ZoneByteBufAllocator.shared(), b.config().options().get(ChannelOption.ALLOCATOR));
        assertSame(ZoneByteBufAllocator.shared(), b.config().childOptions().get(ChannelOption.ALLOCATOR));
    }
}
