// Loaded by the boot class loader alone: the agent defines this package there at install (or
// appends it to the boot class path in a jar). It must link only to java.* classes.
package org.uma4j.agent.bridge;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * One rewritten call site's counts, kept by its owner thread, so that {@link BufferHooks} counts
 * the common case, a site called by one thread, itself: an identity check against
 * {@link Thread#currentThread()} and plain stores, no call, no atomic; a site called by several
 * threads is counted so in its {@link #stripes}, one per thread. Every other case (a thread
 * without a stripe yet, a virtual thread, a size class not used there yet, a sampled buffer)
 * goes to the recorder, which owns the rest of the protocol ({@code agent.account.Accounting}).
 *
 * <p>Ownership: the first platform thread the recorder counts at a site claims the cell
 * ({@link #claim}, a CAS from null); the recorder releases it when that thread has ended
 * ({@link #releaseIfEnded}), and the next thread goes on counting in the same row. Every other
 * platform thread that calls the site claims one of its {@link #stripes} the same way, unless
 * a live thread whose id shares the stripe holds it.
 *
 * <p>Row ({@link #row}): {@code [COUNTDOWN]} buffers until the next liveness sample (due at
 * {@code <= 0}), {@code [MEAN]} the mean gap it was drawn with, then per size class {@code k}
 * (0 for empty buffers, {@code k} for sizes in {@code (2^(k-2), 2^(k-1)]}) the count at
 * {@code [FIRST + 2k]} and the bytes after it. A count of 0 means the recorder has not counted
 * the class's first buffer yet, so the hooks leave that buffer to it.
 *
 * <p>Threading: the owner alone writes {@link #row} and its elements, with plain stores; the
 * recorder's folds read them racily (a statistic, exact once the owner has ended). Every caller
 * reads {@link #owner} racily; it is written by CAS only. {@link #pending} is set by the owner
 * with a plain store when null and taken by whichever of the owner and the liveness thread
 * swaps it first, so a cell keeps a parked buffer until the site's next call or about a second.
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
     * A sampled buffer parked for the recorder ({@link BufferHooks#PARKS_SAMPLES}): null, the
     * buffer, or {@link #TAKEN}. Non-null makes the site's next call go to the recorder first.
     */
    public ByteBuffer pending;
    /**
     * The site's stripes, for the threads that call it while another owns this cell: null until
     * the recorder makes them, then a power-of-two table never replaced. A thread {@code t} may
     * claim {@code stripes[stripe(t, length)]}, a cell of the same site that it then
     * counts in as an owner; the recorder sets elements by CAS and folds their rows with this one.
     * A stripe's own {@code stripes} stays null, and it never parks a buffer.
     */
    public volatile SiteCell[] stripes;

    /** Creates the cell of site {@code site}. */
    public SiteCell(int site) {
        this.site = site;
    }

    /** Returns the row slot of the count of buffers of {@code size} bytes; their bytes follow it. */
    public static int slot(int size) {
        // Class 0 for empty buffers, else ceil(log2(size)) + 1.
        return size <= 0 ? FIRST : FIRST + 2 * (33 - Integer.numberOfLeadingZeros(size - 1));
    }

    /** Returns the index of the stripe that thread {@code t} may claim in a table of {@code n}, a power of two. */
    public static int stripe(Thread t, int n) {
        return (int) t.getId() & (n - 1); // ids are handed out in sequence: a pool's threads rarely collide
    }

    /** Counts a buffer of {@code size} bytes if its class is in use here; false leaves it to the recorder. Owner only. */
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

    /** Makes {@code me} the owner if the cell has none; true if {@code me} owns it now. */
    public boolean claim(Thread me) {
        // A CAS from null: acquires the rows the last owner wrote before its release.
        return owner == me || (owner == null && OWNER.compareAndSet(this, null, me));
    }

    /** Takes what {@link #pending} holds (a buffer, {@link #TAKEN} or null) and leaves null. Owner only. */
    public ByteBuffer takePending() {
        return (ByteBuffer) PENDING.getAndSet(this, (ByteBuffer) null);
    }

    /** Takes a parked buffer, or returns null, and leaves {@link #TAKEN} so the owner still redraws. Not the owner. */
    public ByteBuffer takeParked() {
        ByteBuffer b = pending; // racy: the swap decides
        return b != null && b != TAKEN && PENDING.compareAndSet(this, b, TAKEN) ? b : null;
    }

    /** Releases the cell and its stripes whatever their owners (an uninstall); a call already past its owner check may count once more. */
    public void release() {
        OWNER.setVolatile(this, null);
        PENDING.setVolatile(this, (ByteBuffer) null); // no recorder will take it
        SiteCell[] ss = stripes;
        for (int i = 0; ss != null && i < ss.length; i++) {
            if (ss[i] != null) {
                ss[i].release();
            }
        }
    }

    /** Releases the cell if its owner has ended, for the next thread to claim; true if released. Its row stays. */
    public boolean releaseIfEnded() {
        Thread o = owner;
        // The owner's last store happens-before isAlive() returning false.
        return o != null && !o.isAlive() && OWNER.compareAndSet(this, o, null);
    }
}
