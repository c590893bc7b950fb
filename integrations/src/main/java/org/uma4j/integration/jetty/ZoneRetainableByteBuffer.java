package org.uma4j.integration.jetty;

import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Retainable;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.uma4j.alloc.Buf;
import org.uma4j.integration.BufZones;

/**
 * One acquisition from a {@link ZoneByteBufferPool}: Jetty's reference counter over a
 * {@link ByteBuffer} view of a zone item. The last release frees the item; a release after
 * that is passed to the allocator's debug layer before Jetty's exception is thrown.
 *
 * <p>Threading: as any {@link RetainableByteBuffer}: one owner at a time for the bytes;
 * retain and release from any thread.
 */
final class ZoneRetainableByteBuffer extends RetainableByteBuffer.Pooled {
    private final BufZones zones; // where the item goes back
    private final Buf buf;        // the storage item; null for a fallback buffer

    ZoneRetainableByteBuffer(ZoneByteBufferPool pool, ByteBuffer bytes, Buf buf) {
        super(pool, bytes, new Retainable.ReferenceCounter());
        this.zones = pool.zones();
        this.buf = buf;
    }

    /** Returns the storage item, or null for a fallback buffer (tests and diagnostics). */
    Buf storage() {
        return buf;
    }

    @Override
    public boolean release() {
        boolean last;
        try {
            last = super.release();
        } catch (IllegalStateException e) {
            throw overRelease(e);
        }
        // Exactly one caller sees the count reach 0, so the item is freed once.
        if (last && buf != null) {
            zones.free(buf);
        }
        return last;
    }

    /** Reports a release after the last one through the debug layer; returns what to throw. */
    private RuntimeException overRelease(IllegalStateException e) {
        try {
            zones.reportOverRelease(buf);
        } catch (RuntimeException report) {
            report.addSuppressed(e);
            return report;
        }
        return e;
    }
}
