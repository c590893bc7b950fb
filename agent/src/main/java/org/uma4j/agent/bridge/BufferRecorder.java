// Loaded by the boot class loader alone: the agent defines this package there at install (or
// appends it to the boot class path in a jar). It must link only to java.* classes.
package org.uma4j.agent.bridge;

import java.nio.ByteBuffer;

/**
 * What {@link BufferHooks} reports the calls its site cells do not count to: the agent's
 * recorder. Called by any application thread, after the JDK call returned, never for a call that
 * threw. It should not throw; a failure is swallowed and the buffer returned as if none were
 * installed.
 *
 * <p>A {@code wrap} hands over only its length: it makes no memory of its own, and a buffer
 * passed here would escape, so the JIT could no longer remove it.
 */
public interface BufferRecorder {

    /**
     * Records a buffer from {@code allocate} or {@code allocateDirect}.
     *
     * @param buffer the JDK's new buffer, as returned to the application
     * @param capacity its capacity (the requested size)
     * @param site the call site's id
     */
    void allocated(ByteBuffer buffer, int capacity, int site);

    /** Records a {@code wrap} of {@code length} bytes at site {@code site}. */
    void wrapped(int length, int site);

    /**
     * As {@link #allocated}, for a site whose cell another thread owned when the call began (it
     * may have ended since: the recorder's sweep releases such cells). The calling thread cannot
     * claim it, so the recorder need not look the site up.
     */
    default void allocatedElsewhere(ByteBuffer buffer, int capacity, int site) {
        allocated(buffer, capacity, site);
    }

    /** As {@link #wrapped}, for a site whose cell another thread owned when the call began. */
    default void wrappedElsewhere(int length, int site) {
        wrapped(length, site);
    }

    /**
     * A buffer counted in {@code cell} (a site's cell or one of its stripes) ran its countdown
     * out: sample it and draw the next countdown. Called by the cell's owner; where
     * {@link BufferHooks#PARKS_SAMPLES}, for direct buffers and stripes only (see {@link #parkedDue}).
     */
    default void sampleDue(ByteBuffer buffer, int capacity, SiteCell cell) {
    }

    /**
     * Where {@link BufferHooks#PARKS_SAMPLES}: an earlier call parked a sampled buffer in
     * {@code cell}'s {@link SiteCell#pending}. Sample it (unless the liveness thread took it) and
     * draw the next countdown. Called by the cell's owner, before the site's next buffer is made.
     */
    default void parkedDue(SiteCell cell) {
    }
}
