package org.uma4j.tests.integrations;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An unmodified Netty application: an echo server and a client on loopback, plain Netty API,
 * no uma4j code. The server's handler frames what it reads into 64-byte records, each through
 * a scratch buffer from the channel's allocator. With {@code write-after-release} it keeps the
 * array of the first read's last scratch buffer after releasing it and writes into it at the next read
 * (marker BUG). With {@code wait} it loads Netty's channel configuration class, prints
 * {@code ready} and waits for a line on standard input first (a test attaches the agent
 * meanwhile). Prints {@code app-ok} when the echo matched; exits 1 if not.
 */
public final class NettyEchoApp {

    static final int TOTAL = 256 * 1024;

    private NettyEchoApp() {
    }

    public static void main(String[] args) throws Exception {
        boolean bug = args.length > 0 && args[0].equals("write-after-release");
        if (args.length > 0 && args[0].equals("wait")) {
            // As in a server that runs already: the channel configuration class is loaded.
            Class.forName("io.netty.channel.DefaultChannelConfig");
            System.out.println("ready");
            System.in.read();
        }
        byte[] payload = new byte[TOTAL];
        new Random(42).nextBytes(payload);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new RecordEchoHandler(bug));
                        }
                    }).bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
            Receiver receiver = new Receiver();
            Channel client = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(receiver).connect(server.localAddress()).sync().channel();
            Random chunks = new Random(7);
            for (int off = 0; off < TOTAL; ) {
                int n = Math.min(TOTAL - off, 1 + chunks.nextInt(8192));
                ByteBuf b = client.alloc().buffer(n);
                b.writeBytes(payload, off, n);
                client.writeAndFlush(b);
                off += n;
            }
            byte[] got = receiver.done.get(30, TimeUnit.SECONDS);
            client.close().sync();
            server.close().sync();
            if (!Arrays.equals(payload, got)) {
                System.out.println("echo differs");
                System.exit(1);
            }
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        }
        System.out.println("app-ok");
    }

    /** Echoes what it reads; frames it into records through scratch buffers first. */
    static final class RecordEchoHandler extends ChannelInboundHandlerAdapter {
        private final boolean bug; // seed the write after release
        private boolean seeded; // the bug kept an array once
        private byte[] escaped; // the released scratch buffer's array, kept by the bug
        private int escapedAt; // its array offset

        RecordEchoHandler(boolean bug) {
            this.bug = bug;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            if (escaped != null) {
                escaped[escapedAt] = 0x55; // BUG: a write into a buffer released at the previous read
                escaped = null;
            }
            byte[] last = null;
            int lastAt = 0;
            for (int at = in.readerIndex(); at < in.writerIndex(); at += 64) {
                ByteBuf scratch = ctx.alloc().buffer(64);
                scratch.writeBytes(in, at, Math.min(64, in.writerIndex() - at));
                if (scratch.hasArray()) {
                    last = scratch.array();
                    lastAt = scratch.arrayOffset();
                }
                scratch.release();
            }
            if (bug && !seeded && last != null) {
                seeded = true;
                escaped = last; // the last scratch buffer of this read, released above
                escapedAt = lastAt + 1;
            }
            ctx.write(in);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    /** Collects the echo until every byte came back. */
    static final class Receiver extends ChannelInboundHandlerAdapter {
        final CompletableFuture<byte[]> done = new CompletableFuture<>(); // completed by the event loop
        private final byte[] got = new byte[TOTAL]; // event loop only
        private int n; // event loop only

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            int len = in.readableBytes();
            in.readBytes(got, n, len);
            in.release();
            n += len;
            if (n == TOTAL) {
                done.complete(got);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            done.completeExceptionally(cause);
        }
    }
}
