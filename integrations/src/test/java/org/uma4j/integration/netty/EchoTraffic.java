package org.uma4j.integration.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A Netty echo server and client on loopback, both using one allocator: the client writes a
 * seeded random payload in chunks of random size, the server echoes every read, the client
 * collects the echo. Bounded: 20 s for the exchange, 2 s for the shutdown.
 */
final class EchoTraffic {
    private EchoTraffic() {
    }

    /** Echoes each read back to the sender. */
    static final class EchoHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg); // the transport releases it once written
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    /** Collects bytes until {@code expected} arrived. */
    static final class Collector extends ChannelInboundHandlerAdapter {
        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int expected;

        Collector(int expected) {
            this.expected = expected;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            ByteBuf b = (ByteBuf) msg;
            try {
                b.readBytes(out, b.readableBytes());
            } finally {
                b.release();
            }
            if (out.size() >= expected) {
                result.complete(out.toByteArray());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
        }
    }

    /**
     * Runs one exchange of {@code size} bytes and returns what came back.
     *
     * @param alloc the allocator of both sides
     * @param serverHandler makes the server's handler for each accepted channel
     */
    static byte[] run(ByteBufAllocator alloc, Supplier<ChannelHandler> serverHandler, byte[] payload) throws Exception {
        return run(alloc, NioServerSocketChannel.class, NioSocketChannel.class, serverHandler, payload);
    }

    /**
     * As {@link #run(ByteBufAllocator, Supplier, byte[])} with channel classes of the caller's;
     * with {@code alloc} null no allocator option is set, so each channel keeps the allocator
     * its configuration was made with.
     */
    static byte[] run(ByteBufAllocator alloc, Class<? extends NioServerSocketChannel> serverChannel,
            Class<? extends NioSocketChannel> clientChannel, Supplier<ChannelHandler> serverHandler, byte[] payload)
            throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            ServerBootstrap sb = new ServerBootstrap().group(group).channel(serverChannel);
            Bootstrap cb = new Bootstrap().group(group).channel(clientChannel);
            if (alloc != null) {
                sb.option(ChannelOption.ALLOCATOR, alloc).childOption(ChannelOption.ALLOCATOR, alloc);
                cb.option(ChannelOption.ALLOCATOR, alloc);
            }
            Channel server = sb
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(serverHandler.get());
                        }
                    })
                    .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
            Collector collector = new Collector(payload.length);
            Channel client = cb
                    .handler(collector)
                    .connect(server.localAddress()).sync().channel();
            Random rnd = new Random(7);
            for (int off = 0; off < payload.length; ) {
                int n = Math.min(1 + rnd.nextInt(9000), payload.length - off);
                client.write(client.alloc().buffer(n).writeBytes(payload, off, n));
                off += n;
            }
            client.flush();
            byte[] got = collector.result.get(20, TimeUnit.SECONDS);
            client.close().sync();
            server.close().sync();
            return got;
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    static int port(Channel ch) {
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    static byte[] payload(int size, long seed) {
        byte[] p = new byte[size];
        new Random(seed).nextBytes(p);
        return p;
    }
}
