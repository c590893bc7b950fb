package org.uma4j.integration.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.alloc.ZoneStats;
import org.uma4j.integration.BufZones;

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

    /** A server channel whose accepted channels get the hook exactly where the agent's advice runs. */
    public static final class AdvisedServerChannel extends NioServerSocketChannel {
        public AdvisedServerChannel() {
            NettyIntegration.applyTo(config()); // the advice: at the exit of DefaultChannelConfig's constructor
        }

        @Override
        protected int doReadMessages(List<Object> buf) throws Exception {
            int n = super.doReadMessages(buf);
            for (Object ch : buf) {
                NettyIntegration.applyTo(((Channel) ch).config()); // accepted channels' configs, likewise
            }
            return n;
        }
    }

    /** A client channel with the hook where the agent's advice runs. */
    public static final class AdvisedChannel extends NioSocketChannel {
        public AdvisedChannel() {
            NettyIntegration.applyTo(config());
        }
    }

    @Test
    @Timeout(60)
    void channelsWithoutAnAllocatorOptionCarryTrafficThroughTheSharedZones() throws Exception {
        assertTrue(NettyIntegration.installAsDefault());
        BufZones zones = ZoneByteBufAllocator.shared().zones();
        long before = zones.stats().stream().mapToLong(ZoneStats::requests).sum();
        byte[] payload = EchoTraffic.payload(128 * 1024, 5);

        byte[] got = EchoTraffic.run(null, AdvisedServerChannel.class, AdvisedChannel.class,
                EchoTraffic.EchoHandler::new, payload);

        assertArrayEquals(payload, got);
        assertSame(zones.zones().get(0), ZoneRegistry.global().zone("netty-64"));
        long requests = zones.stats().stream().mapToLong(ZoneStats::requests).sum() - before;
        assertTrue(requests > 20, "requests: " + requests);
        assertEquals(0, zones.used());
    }

    @Test
    void configureSetsTheAllocatorOnParentAndChildChannels() {
        ServerBootstrap b = ZoneByteBufAllocator.shared().configure(new ServerBootstrap());
        assertSame(ZoneByteBufAllocator.shared(), b.config().options().get(ChannelOption.ALLOCATOR));
        assertSame(ZoneByteBufAllocator.shared(), b.config().childOptions().get(ChannelOption.ALLOCATOR));
    }
}
