package org.uma4j.samples;

import static org.uma4j.alloc.Zone.NOWAIT;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.uma4j.mbuf.Mbuf;
import org.uma4j.mbuf.MbufChain;
import org.uma4j.mbuf.MbufQueue;
import org.uma4j.mbuf.MbufStats;
import org.uma4j.mbuf.Mbufs;

/**
 * A packet relay over NIO on loopback that keeps its data in mbuf chains: an echo server
 * reads each segment straight into a packet-zone cluster ({@code getcl}, no copy), queues it
 * on the connection's bounded {@link MbufQueue}, writes it back from the same cluster and
 * frees it; a cluster shortage pauses reading (back-pressure) instead of failing. Client
 * threads send random messages and check every echoed byte. At the end the app prints
 * {@code netstat -m} and exits 0 only if every echo matched and every mbuf and cluster is
 * back in its zone.
 *
 * <pre>
 * java -Duma4j.nmbclusters=64 -cp ... org.uma4j.samples.MbufRelay --clients 4 --messages 500 --size 6000
 * </pre>
 *
 * <p>Options: {@code --clients N} (4), {@code --messages N} per client (200), {@code --size N}
 * largest message in bytes (4000), {@code --timeout-s N} (30), {@code --seed N} (1).
 *
 * <p>Threading: one selector thread owns every mbuf; client threads use plain byte arrays.
 */
public final class MbufRelay {
    private static final int QUEUE_PACKETS = 16;      // packets queued per connection before reading pauses

    private final Mbufs mbufs = Mbufs.global();
    private final Selector selector;                  // selector thread only
    private final ServerSocketChannel server;         // selector thread only
    private final List<SelectionKey> starved = new ArrayList<>(); // waiting for clusters; selector thread only
    private final AtomicLong relayed = new AtomicLong(); // bytes echoed
    private volatile boolean running = true;          // cleared by main to stop the selector thread

    private MbufRelay() throws IOException {
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    /**
     * Runs the relay and its clients; exits 0 on success, 1 on a mismatch or leak, 2 on
     * timeout, 64 on a bad option.
     */
    public static void main(String[] args) throws Exception {
        int clients;
        int messages;
        int size;
        int timeout;
        long seed;
        try {
            clients = option(args, "--clients", 4);
            messages = option(args, "--messages", 200);
            size = option(args, "--size", 4000);
            timeout = option(args, "--timeout-s", 30);
            seed = option(args, "--seed", 1);
        } catch (IllegalArgumentException e) {
            System.err.println("MbufRelay: " + e.getMessage());
            System.exit(64);
            return;
        }
        System.exit(new MbufRelay().run(clients, messages, size, timeout, seed));
    }

    private static int option(String[] args, String name, int dflt) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name)) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(name + ": missing (expected: a number after it)");
                }
                try {
                    int v = Integer.parseInt(args[i + 1]);
                    if (v < 0) {
                        throw new NumberFormatException();
                    }
                    return v;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + ": " + args[i + 1] + " (expected: an integer >= 0)");
                }
            } else if (args[i].startsWith("--") && i % 2 == 0 && !List.of("--clients", "--messages", "--size",
                    "--timeout-s", "--seed").contains(args[i])) {
                throw new IllegalArgumentException("option: " + args[i]
                        + " (expected: --clients, --messages, --size, --timeout-s or --seed)");
            }
        }
        return dflt;
    }

    private int run(int clients, int messages, int size, int timeoutS, long seed) throws Exception {
        Thread loop = new Thread(this::serve, "mbuf-relay");
        loop.start();
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> ts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long s = seed * 31 + c;
            Thread t = new Thread(() -> client(port, messages, size, s, failure), "client-" + c);
            t.start();
            ts.add(t);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        for (Thread t : ts) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (t.isAlive()) {
                System.err.println("MbufRelay: timed out after " + timeoutS + " s");
                return 2;
            }
        }
        running = false;
        selector.wakeup();
        loop.join(TimeUnit.SECONDS.toMillis(5));
        mbufs.drain();
        MbufStats st = mbufs.stats();
        System.out.print(st.render());
        System.out.println("MbufRelay: " + clients + " clients x " + messages + " messages, " + relayed.get()
                + " bytes relayed");
        if (failure.get() != null) {
            System.err.println("MbufRelay: FAIL: " + failure.get());
            return 1;
        }
        if (st.mbufsInUse() != 0 || st.clustersInUse() != 0 || st.cluster().used() != 0) {
            System.err.println("MbufRelay: FAIL: leaked " + st.mbufsInUse() + " mbufs, " + st.cluster().used() + " clusters");
            return 1;
        }
        System.out.println("MbufRelay: OK");
        return 0;
    }

    /** The selector loop: accept, read into clusters, write back, free. */
    private void serve() {
        try {
            while (running) {
                selector.select(starved.isEmpty() ? 100 : 1);
                retryStarved();
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    if (!k.isValid()) {
                        continue;
                    }
                    if (k.isAcceptable()) {
                        accept();
                        continue;
                    }
                    if (k.isWritable()) {
                        write(k);
                    }
                    if (k.isValid() && k.isReadable()) {
                        read(k);
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("MbufRelay: selector: " + e);
        } finally {
            for (SelectionKey k : selector.keys()) {
                close(k);
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel ch = server.accept();
        if (ch != null) {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.register(selector, SelectionKey.OP_READ, new MbufQueue(QUEUE_PACKETS));
        }
    }

    /** Reads one segment straight into a packet-zone cluster and queues it. */
    private void read(SelectionKey k) {
        MbufQueue q = (MbufQueue) k.attachment();
        Mbuf m = mbufs.getcl(NOWAIT, Mbuf.MT_DATA, Mbuf.M_PKTHDR);
        if (m == null) {
            starve(k); // no cluster now: stop reading until frees make room (back-pressure)
            return;
        }
        int n;
        try {
            n = ((SocketChannel) k.channel()).read(m.trailingBuffer());
        } catch (IOException e) {
            n = -1;
        }
        if (n <= 0) {
            m.freem();
            if (n < 0) {
                close(k);
            }
            return;
        }
        m.setLen(n);
        m.setPktLen(n);
        MbufChain.sanity(m);
        if (!q.enqueue(m)) {
            m.freem(); // cannot happen: reading pauses while the queue is full
            throw new IllegalStateException("MbufRelay: queue overflow");
        }
        interest(k);
    }

    /** Writes queued packets from their clusters; a partial write trims the head packet. */
    private void write(SelectionKey k) {
        MbufQueue q = (MbufQueue) k.attachment();
        SocketChannel ch = (SocketChannel) k.channel();
        try {
            Mbuf p;
            while ((p = q.first()) != null) {
                int want = MbufChain.length(p);
                int wrote = 0;
                for (Mbuf m = p; m != null; m = m.next()) {
                    ByteBuffer bb = m.dataBuffer();
                    int w = ch.write(bb);
                    wrote += w;
                    if (bb.hasRemaining()) {
                        break;
                    }
                }
                relayed.addAndGet(wrote);
                if (wrote < want) {
                    MbufChain.adj(p, wrote); // the rest waits for OP_WRITE
                    break;
                }
                q.dequeue().freem();
            }
        } catch (IOException e) {
            close(k);
            return;
        }
        interest(k);
    }

    private void interest(SelectionKey k) {
        if (!k.isValid()) {
            return;
        }
        MbufQueue q = (MbufQueue) k.attachment();
        int ops = (q.isFull() || starved.contains(k) ? 0 : SelectionKey.OP_READ) | (q.isEmpty() ? 0 : SelectionKey.OP_WRITE);
        k.interestOps(ops);
    }

    private void starve(SelectionKey k) {
        if (!starved.contains(k)) {
            starved.add(k);
        }
        interest(k);
    }

    private void retryStarved() {
        for (int i = starved.size() - 1; i >= 0; i--) {
            SelectionKey k = starved.remove(i);
            interest(k);
        }
    }

    private void close(SelectionKey k) {
        Object a = k.attachment();
        if (a instanceof MbufQueue) {
            ((MbufQueue) a).drain();
            k.attach(null);
        }
        starved.remove(k);
        k.cancel();
        try {
            k.channel().close();
        } catch (IOException e) {
            // closing a loopback socket: nothing to do
        }
    }

    /** A client: sends random messages one at a time and checks each echo byte for byte. */
    private static void client(int port, int messages, int size, long seed, AtomicReference<String> failure) {
        Random rnd = new Random(seed);
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            for (int i = 0; i < messages && failure.get() == null; i++) {
                byte[] msg = new byte[1 + rnd.nextInt(Math.max(1, size))];
                rnd.nextBytes(msg);
                ByteBuffer out = ByteBuffer.wrap(msg);
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                ByteBuffer in = ByteBuffer.allocate(msg.length);
                while (in.hasRemaining()) {
                    if (ch.read(in) < 0) {
                        failure.compareAndSet(null, "connection closed after " + i + " messages");
                        return;
                    }
                }
                if (!Arrays.equals(msg, in.array())) {
                    failure.compareAndSet(null, "echo of message " + i + " (" + msg.length + " bytes) differs");
                }
            }
        } catch (IOException e) {
            failure.compareAndSet(null, "client: " + e);
        }
    }
}
