package org.uma4j.integration.jetty;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Server;
import org.uma4j.alloc.Buf;
import org.uma4j.integration.BufZones;

/**
 * A Jetty 12 {@link ByteBufferPool} whose heap buffers are items of uma4j size-class zones
 * ({@link BufZones}); direct buffers come from a delegate (an {@link ArrayByteBufferPool} by
 * default).
 *
 * <pre>{@code
 * Server server = new Server(null, null, ZoneByteBufferPool.shared());
 * // or, for a server made elsewhere, before it starts:
 * ZoneByteBufferPool.shared().install(server);
 * }</pre>
 *
 * <p>{@link #acquire(int, boolean) acquire(size, false)} returns a fresh
 * {@link RetainableByteBuffer} over exactly {@code size} bytes of a zone item, in flush mode
 * (position and limit 0), with reference count 1. The last {@link RetainableByteBuffer#release()}
 * frees the item to its zone, where the debug layer trashes it, so a write after release
 * (Jetty's 2025 HTTP/2 bug class, #12776/#12876) is caught when the item is handed out again.
 * A release after the last one throws Jetty's {@code IllegalStateException} and, with
 * generation handles, is reported by the debug layer with the allocation site.
 * Each acquire makes a new wrapper and a new {@link ByteBuffer} view, so a stale holder can
 * change neither the bytes' next owner's position nor its limit; only the bytes are shared.
 *
 * <p>Requests above the largest class get a plain heap buffer (counted as a fallback).
 * {@link #clear()} drains the zones' caches and clears the delegate.
 *
 * <p>Threading: safe for any number of threads.
 */
public final class ZoneByteBufferPool implements ByteBufferPool {
    private final BufZones zones;        // heap buffer storage
    private final ByteBufferPool direct; // direct buffers

    /** Creates a pool over {@code zones} that takes direct buffers from a new {@link ArrayByteBufferPool}. */
    public ZoneByteBufferPool(BufZones zones) {
        this(zones, new ArrayByteBufferPool());
    }

    /**
     * Creates a pool over {@code zones}.
     *
     * @param zones the size-class zones that hold the heap buffers
     * @param direct the pool of direct buffers
     */
    public ZoneByteBufferPool(BufZones zones, ByteBufferPool direct) {
        this.zones = Objects.requireNonNull(zones, "zones");
        this.direct = Objects.requireNonNull(direct, "direct");
        if (direct instanceof ZoneByteBufferPool) {
            throw new IllegalArgumentException("direct: " + direct + " (expected: a pool of direct buffers,"
                    + " not another ZoneByteBufferPool)");
        }
        // Jetty's pool wrappers and buffer helpers are plumbing: a captured site is their caller.
        zones.skipCallerFrames("org.eclipse.jetty.io.ByteBufferPool", "org.eclipse.jetty.io.RetainableByteBuffer",
                "org.eclipse.jetty.io.Retainable");
    }

    /**
     * Returns the process-wide pool, made on first use: zones {@code jetty-64} ...
     * {@code jetty-65536} in the global registry, a new {@link ArrayByteBufferPool} for direct
     * buffers. The agent gives it to servers through {@link JettyIntegration}.
     */
    public static ZoneByteBufferPool shared() {
        return (ZoneByteBufferPool) JettyIntegration.sharedPool();
    }

    /**
     * Makes a server that is not started take its buffers from this pool, and its HTTP
     * connections ask for heap buffers: {@code install(server, true)}.
     *
     * @return true if the server's pool was replaced, false if it already was this pool
     * @throws IllegalStateException if the server is started, or its pool field cannot be set
     */
    public boolean install(Server server) {
        return install(server, true);
    }

    /**
     * Replaces the server's {@code ByteBufferPool}, and that of each connector that shared it,
     * with this pool. Jetty has no setter for either (both are final fields set by the
     * constructors), so they are set reflectively (which works on JDK 17 to 25 for Jetty on
     * the class path), and the component beans are swapped. Connectors given a pool of their
     * own keep it. Call it before {@code start()}, or from {@code doStart()}.
     *
     * @param server a server that is not started
     * @param heapIo true to switch each HTTP connection factory's configuration to heap buffers
     *        for input and output (Jetty's default is direct: the zones would see little traffic)
     * @return true if the server's pool was replaced, false if it already was this pool
     * @throws IllegalStateException if the server is started, or a pool field cannot be set
     */
    public boolean install(Server server, boolean heapIo) {
        return JettyServers.install(server, this, heapIo, false);
    }

    /** Returns the zones that hold the heap buffers. */
    public BufZones zones() {
        return zones;
    }

    /** Returns the pool of direct buffers. */
    public ByteBufferPool directDelegate() {
        return direct;
    }

    /**
     * Returns a buffer of {@code size} bytes, reference count 1, in flush mode: a new wrapper
     * over a zone item for heap buffers (a plain array above the largest class), the direct
     * pool's buffer otherwise.
     *
     * @throws IllegalArgumentException if {@code size} is negative
     */
    @Override
    public RetainableByteBuffer.Mutable acquire(int size, boolean isDirect) {
        if (isDirect) {
            return direct.acquire(size, true);
        }
        Buf b = zones.alloc(size, 0);
        ByteBuffer bb;
        if (b != null) {
            bb = ByteBuffer.wrap(b.array(), b.arrayOffset(), size).slice();
        } else {
            zones.countFallback(size);
            bb = ByteBuffer.allocate(size);
        }
        bb.limit(0); // flush mode, as Jetty's BufferUtil.allocate leaves it
        return new ZoneRetainableByteBuffer(this, bb, b);
    }

    /** Drains the zones' caches (allocated buffers are untouched) and clears the direct pool. */
    @Override
    public void clear() {
        zones.drain();
        direct.clear();
    }

    @Override
    public String toString() {
        return "ZoneByteBufferPool(" + zones + ", direct: " + direct.getClass().getSimpleName() + ")";
    }
}
