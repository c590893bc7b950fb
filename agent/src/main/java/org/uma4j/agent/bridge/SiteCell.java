// Loaded by the boot class loader alone: the agent defines this package there at install (or
// appends it to the boot class path in a jar). It must link only to java.* classes.
package org.uma4j.agent.bridge;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * One rewritten call site's counts kept by its owner thread, so that the common case, a site
 * called by one thread, is counted by {@link BufferHooks} itself: found from the site id in
 * {@link BufferHooks#cells}, checked against {@link Thread#currentThread()}, and added to with
 * plain stores. No recorder call, no lookup of the thread's own counters, no atomic
 * instruction. Every other case (another thread, a virtual thread, a size class the site has
 * not used yet, a sampled buffer) goes to the recorder, which owns the rest of the protocol.
 *
 * <p>Ownership: the first platform thread that the recorder counts at a site claims its cell
 * ({@link #claim}, a CAS from null); the recorder releases the cell of an owner that has
 * ended ({@link #releaseIfEnded}), and the next thread claims it and goes on counting in the
 * same row. The row is never moved elsewhere: readers add it to the counts kept per thread.
 *
 * <p>Row layout ({@link #row}): {@code [COUNTDOWN]} buffers until the next one sampled for
 * liveness (due at {@code <= 0}), {@code [MEAN]} the mean gap that countdown was drawn with,
 * then per size class {@code k} (the recorder's size classes: 0 for empty buffers, {@code k}
 * for sizes in {@code (2^(k-2), 2^(k-1)]}) {@code [FIRST + 2k]} buffers and
 * {@code [FIRST + 2k + 1]} their bytes. A class's count slot holds 0 until the recorder counted
 * the class's first buffer there, so {@link BufferHooks} leaves first buffers to the recorder.
 *
 * <p>Where {@link BufferHooks#PARKS_SAMPLES} (JDK 25 and later), a heap buffer of at most
 * {@link BufferHooks#PARK_MAX} bytes whose countdown ran out is not handed to the recorder by
 * the call that made it: {@link BufferHooks} parks it in {@link #pending} with a plain store,
 * and the site's next call hands it over before it makes its own buffer. So no call follows the
 * JDK's allocation on the owner's path, and C2 keeps what it knows of the new buffer's fields
 * (its position, limit and byte order) for the caller's first puts; a call there, even one
 * taken once in a thousand buffers, made every caller's puts re-read them. The recorder's
 * liveness thread takes a buffer still parked at its next pass ({@link #takeParked}), so the
 * cell holds a sampled buffer at most until the site's next call or about a second.
 *
 * <p>Threading: {@link #row} and its elements are written by the owner only, with plain stores,
 * and read racily by the recorder's folds (a statistic, exact once the owner has ended);
 * {@link #owner} is read racily by every calling thread (the identity check decides) and
 * written by CAS only. {@link #pending} is set by the owner with a plain store when it is null,
 * and taken by whichever of the owner and the liveness thread swaps it first.
 */
public final class SiteCell {
    /** Row index of the sampling countdown. */
    public static final int COUNTDOWN = 0;
    /** Row index of the mean gap the countdown was drawn with (its samples' weight). */
    public static final int MEAN = 1;
    /** Row index of size class 0's count; class {@code k}'s is {@code FIRST + 2k}. */
    public static final int FIRST = 2;

    private static final long[] NO_ROW = new long[FIRST]; // never written: the first count grows it
    /** What {@link #pending} holds once the liveness thread took the parked buffer: the owner still redraws. */
    public static final ByteBuffer TAKEN = ByteBuffer.allocate(0);
    private static final VarHandle OWNER;
    private static final VarHandle PENDING;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            OWNER = lookup.findVarHandle(SiteCell.class, "owner", Thread.class);
            PENDING = lookup.findVarHandle(SiteCell.class, "pending", ByteBuffer.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The site's id: the constant its rewritten call passes. */
    public final int site;
    /** The thread that counts here, or null; racy reads, CAS writes. */
    public Thread owner;
    /** The owner's counts, see the layout above; replaced (grown) by the owner only. */
    public long[] row = NO_ROW;
    /**
     * The buffer that ran the owner's countdown out, parked for the recorder: null, a buffer, or
     * {@link #TAKEN}. Non-null makes the site's next call go to the recorder first.
     */
    public ByteBuffer pending;

    /**
     * Creates the cell of a site.
     *
     * @param site the site's id
     */
    public SiteCell(int site) {
        this.site = site;
    }

    /**
     * Returns the row slot of the count of buffers of {@code size} bytes: the recorder's size
     * class {@code k} at {@code FIRST + 2k}.
     *
     * @param size a byte count
     * @return the slot of its count; its bytes follow
     */
    public static int slot(int size) {
        // Class 0 for empty buffers, else ceil(log2(size)) + 1.
        return size <= 0 ? FIRST : FIRST + 2 * (33 - Integer.numberOfLeadingZeros(size - 1));
    }

    /**
     * Counts one buffer of {@code size} bytes in the owner's row if its class is in use there.
     * Owner only.
     *
     * @param size the buffer's bytes
     * @return true if counted; false if the recorder must count it (first of its class here)
     */
    boolean add(int size) {
        long[] r = row;
        int s = slot(size);
        long n;
        if (s + 1 >= r.length || (n = r[s]) == 0) {
            return false;
        }
        r[s] = n + 1;
        r[s + 1] += size;
        return true;
    }

    /**
     * Makes {@code me} the owner if the cell has none.
     *
     * @param me the calling platform thread
     * @return true if {@code me} owns the cell now
     */
    public boolean claim(Thread me) {
        // A CAS from null: acquires the rows the last owner wrote before its release.
        return owner == me || (owner == null && OWNER.compareAndSet(this, null, me));
    }

    /**
     * Takes what {@link #pending} holds and leaves null: the owner's settling of its countdown.
     *
     * @return the parked buffer, {@link #TAKEN}, or null
     */
    public ByteBuffer takePending() {
        return (ByteBuffer) PENDING.getAndSet(this, (ByteBuffer) null);
    }

    /**
     * Takes a parked buffer and leaves {@link #TAKEN}, so that the owner's next call still draws
     * its next countdown. For any thread but the owner.
     *
     * @return the parked buffer, or null if none is parked
     */
    public ByteBuffer takeParked() {
        ByteBuffer b = pending; // racy: the swap decides
        return b != null && b != TAKEN && PENDING.compareAndSet(this, b, TAKEN) ? b : null;
    }

    /**
     * Releases the cell whatever its owner: an uninstall, after which no recorder claims it again.
     * A call of the owner that is already past its owner check may still count once.
     */
    public void release() {
        OWNER.setVolatile(this, null);
        PENDING.setVolatile(this, (ByteBuffer) null); // no recorder will take it
    }

    /**
     * Releases the cell if its owner has ended, for the next thread to claim. Its row stays.
     *
     * @return true if it was released
     */
    public boolean releaseIfEnded() {
        Thread o = owner;
        // The owner's last store happens-before isAlive() returning false.
        return o != null && !o.isAlive() && OWNER.compareAndSet(this, o, null);
    }
}
