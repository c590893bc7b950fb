package org.uma4j.integration.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.IllegalReferenceCountException;
import io.netty.util.ResourceLeakDetector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uma4j.dbg.DuplicateFreeException;
import org.uma4j.dbg.Finding;
import org.uma4j.dbg.FindingKind;
import org.uma4j.integration.DebugFixture;

/** The debug layer's detectors on Netty buffers: seeded bugs are caught with their sites, clean traffic is silent. */
class NettyDebugTest {

    private static ZoneByteBufAllocator allocator(DebugFixture fx) {
        return new ZoneByteBufAllocator(fx.zones, PooledByteBufAllocator.DEFAULT, true);
    }

    /**
     * Echoes through a buffer of its own, and keeps writing into it after the transport
     * released it: the seeded bug (a write through an escaped array, the bug class of Jetty's
     * 2025 HTTP/2 corruption). Its next allocation of the same size gets the same item back
     * (per-thread LIFO cache), whose trash no longer verifies.
     */
    static final class WriteAfterReleaseHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            int n = in.readableBytes();
            ByteBuf out = ctx.alloc().buffer(n);            // the allocation site the report names
            out.writeBytes(in);
            in.release();
            byte[] escaped = out.array();
            int at = out.arrayOffset();
            ctx.writeAndFlush(out);                         // the NIO transport copies and releases it here
            escaped[at] = 0x55;                             // the bug: a write after release
            ctx.alloc().buffer(n).release();                // the same item again: verified, reported
        }
    }

    /** Echoes a copy and forgets to release what it read: Netty's most common leak. */
    static final class LeakingEchoHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(((ByteBuf) msg).copy()); // the bug: msg is never released
        }
    }

    @Test
    @Timeout(60)
    void inboundBuffersAHandlerForgetsAreLeaksFromTheReadLoopWithThePipelineAsAccessRecords() throws Exception {
        try (DebugFixture fx = new DebugFixture("n", "level=full,policy=log,quarantine=off")) {
            byte[] payload = EchoTraffic.payload(32 * 1024, 13);
            assertArrayEquals(payload, EchoTraffic.run(allocator(fx), LeakingEchoHandler::new, payload));
            assertTrue(fx.collectLeaks(1, 50) >= 1, fx.findings::toString);
            List<Finding> leaks = fx.of(FindingKind.LEAK);
            assertTrue(leaks.stream().allMatch(f -> f.allocSite().methodName().equals("read")
                    && f.allocSite().className().startsWith("io.netty.channel.nio.AbstractNioByteChannel")),
                    () -> leaks.get(0).allocSite().describe());
            // The pipeline touches each message with the context it enters (leak detection is on by default).
            assertTrue(leaks.stream().flatMap(f -> f.accessRecords().stream())
                    .anyMatch(r -> r.hint() != null && r.hint().contains("LeakingEchoHandler")),
                    () -> leaks.get(0).accessRecords().toString());
        }
    }

    @Test
    @Timeout(60)
    void cleanTrafficReportsNothing() throws Exception {
        try (DebugFixture fx = new DebugFixture("n", "level=full,policy=throw")) {
            ZoneByteBufAllocator alloc = allocator(fx);
            byte[] payload = EchoTraffic.payload(256 * 1024, 11);
            byte[] got = EchoTraffic.run(alloc, EchoTraffic.EchoHandler::new, payload);
            assertArrayEquals(payload, got);
            fx.zones.drain();                               // fini verifies the trash of every cached item
            assertEquals(0, fx.dbg.collectLeaks(Duration.ofMillis(300)));
            assertTrue(fx.findings.isEmpty(), fx.findings::toString);
            assertTrue(fx.zones.stats().stream().mapToLong(s -> s.requests()).sum() > 50);
        }
    }

    @Test
    @Timeout(60)
    void writeAfterReleaseIsCaughtWithTheAllocationSite() throws Exception {
        try (DebugFixture fx = new DebugFixture("n", "level=full,policy=log,quarantine=off")) {
            ZoneByteBufAllocator alloc = allocator(fx);
            byte[] payload = EchoTraffic.payload(64 * 1024, 12);
            EchoTraffic.run(alloc, WriteAfterReleaseHandler::new, payload);
            List<Finding> fs = fx.of(FindingKind.MODIFIED_AFTER_FREE);
            assertTrue(!fs.isEmpty(), fx.findings::toString);
            Finding f = fs.get(0);
            assertEquals(0, f.offset());
            assertEquals(WriteAfterReleaseHandler.class.getName(), f.allocSite().className());
            assertEquals("channelRead", f.allocSite().methodName());
            assertEquals(WriteAfterReleaseHandler.class.getName(), f.site().className(), "caught at the next alloc");
            assertTrue(f.freeSite().isKnown(), "the free that trashed it: " + f.freeSite());
            assertTrue(f.zone().startsWith("n-"), f.zone());
        }
    }

    @Test
    void doubleReleaseIsReportedWithTheAllocationSiteAndStillThrowsNettysException() {
        try (DebugFixture fx = new DebugFixture("n", "level=full,policy=log")) {
            ByteBuf b = allocator(fx).heapBuffer(100);
            b.release();
            IllegalReferenceCountException e = assertThrows(IllegalReferenceCountException.class, b::release);
            assertEquals("refCnt: 0, decrement: 1", e.getMessage());
            List<Finding> fs = fx.of(FindingKind.DUPLICATE_FREE);
            assertEquals(1, fs.size(), fx.findings::toString);
            assertEquals(NettyDebugTest.class.getName(), fs.get(0).allocSite().className());
            assertEquals("doubleReleaseIsReportedWithTheAllocationSiteAndStillThrowsNettysException",
                    fs.get(0).allocSite().methodName());
            fx.dbg.flushQuarantine(); // a quarantined item counts as used until the quarantine lets it go
            assertEquals(0, fx.zones.used(), "the refused duplicate free changed nothing");
        }
    }

    @Test
    void underThrowTheDebugLayersExceptionCarriesNettysAsSuppressed() {
        try (DebugFixture fx = new DebugFixture("n", "level=full,policy=throw")) {
            ByteBuf b = allocator(fx).heapBuffer(100);
            b.release();
            DuplicateFreeException e = assertThrows(DuplicateFreeException.class, b::release);
            assertEquals(FindingKind.DUPLICATE_FREE, e.kind());
            assertTrue(java.util.Arrays.stream(e.getSuppressed())
                    .anyMatch(x -> x instanceof IllegalReferenceCountException),
                    () -> java.util.Arrays.toString(e.getSuppressed()));
        }
    }

    @Test
    @Timeout(30)
    void leakIsReportedWithItsSiteAndNettysLeakDetectorStillWorks() throws Exception {
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        List<String> nettyLeaks = new CopyOnWriteArrayList<>();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ByteBufUtil.setLeakListener((type, records) -> nettyLeaks.add(type));
        try (DebugFixture fx = new DebugFixture("n", "level=full,policy=log,quarantine=off")) {
            ZoneByteBufAllocator alloc = allocator(fx);
            leak(alloc);
            assertEquals(1, fx.collectLeaks(1, 50));
            Finding f = fx.of(FindingKind.LEAK).get(0);
            assertEquals(NettyDebugTest.class.getName(), f.allocSite().className());
            assertEquals("leak", f.allocSite().methodName());
            for (int i = 0; i < 100 && nettyLeaks.isEmpty(); i++) { // Netty reports at a later track()
                System.gc();
                Thread.sleep(10);
                alloc.heapBuffer(10).release();
            }
            assertTrue(!nettyLeaks.isEmpty(), "Netty's own detector reported the leak too");
            assertTrue(alloc.heapBuffer(10).getClass().getSimpleName().contains("LeakAware"));
        } finally {
            ByteBufUtil.setLeakListener(null);
            ResourceLeakDetector.setLevel(level);
        }
    }

    @Test
    @Timeout(30)
    void touchHintsBecomeAccessRecordsOfTheLeakReport() throws Exception {
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        // A buffer Netty samples is wrapped, and its wrapper keeps touch hints to itself.
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        try (DebugFixture fx = new DebugFixture("n", "level=full,policy=log,quarantine=off")) {
            touchAndLeak(allocator(fx));
            assertEquals(1, fx.collectLeaks(1, 50));
            Finding f = fx.of(FindingKind.LEAK).get(0);
            assertTrue(f.accessRecords().stream().anyMatch(r -> "decoded by the test".equals(r.hint())),
                    f.accessRecords()::toString);
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }

    private static void touchAndLeak(ZoneByteBufAllocator alloc) {
        alloc.heapBuffer(300).writeInt(42).touch("decoded by the test");
    }

    private static void leak(ZoneByteBufAllocator alloc) {
        ByteBuf lost = alloc.heapBuffer(300);
        lost.writeInt(42);
        assertSame(alloc, lost.alloc());
    }
}
