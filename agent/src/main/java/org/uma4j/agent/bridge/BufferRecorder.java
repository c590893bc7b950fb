// Loaded by the boot class loader alone: the agent defines this package there at install (or
// appends it to the boot class path in a jar). It must link only to java.* classes.
package org.uma4j.agent.bridge;

import java.nio.ByteBuffer;

/**
 * What {@link BufferHooks} reports each rewritten call to: the agent's recorder.
 *
 * <p>Two methods, so that a {@code wrap} hands over only its length: a wrap makes no memory of
 * its own, so the recorder needs no reference to its buffer, and the buffer stays where the
 * JIT's escape analysis can remove it (passing it to the recorder made every wrap a real
 * allocation).
 *
 * <p>Assumptions and guarantees:
 * <ol>
 *   <li>Called by any application thread, after the JDK call returned; never for a call that threw.
 *   <li>An implementation should not throw; if it does, {@link BufferHooks} swallows the failure
 *       and returns the buffer as if no recorder were installed.
 * </ol>
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

    /**
     * Records a {@code wrap} of part or all of an array.
     *
     * @param length the wrapped length, the buffer's remaining bytes
     * @param site the call site's id
     */
    void wrapped(int length, int site);

    /**
     * A buffer that {@link BufferHooks} counted in the site's {@link SiteCell} ran the owner's
     * sampling countdown out ({@code row[COUNTDOWN] <= 0}): sample it if due, and draw the next
     * countdown. Called by the cell's owner only; the buffer is already counted. Not called where
     * {@link BufferHooks#PARKS_SAMPLES}: see {@link #parkedDue}.
     *
     * @param buffer the JDK's new buffer, as returned to the application
     * @param capacity its capacity
     * @param site the call site's id
     */
    default void sampleDue(ByteBuffer buffer, int capacity, int site) {
    }

    /**
     * Where {@link BufferHooks#PARKS_SAMPLES}: the owner's sampling countdown in {@code cell} ran
     * out at an earlier call, which parked its buffer in {@link SiteCell#pending}. Sample it
     * (unless another thread took it, see {@link SiteCell#takeParked}) and draw the next
     * countdown. Called before the site's next buffer is made, by any thread that calls the
     * site; only the owner may act on it.
     *
     * @param cell the site's cell, its {@code pending} not null when the call began
     */
    default void parkedDue(SiteCell cell) {
    }
}
