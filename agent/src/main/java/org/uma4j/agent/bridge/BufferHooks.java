// Loaded by the boot class loader alone: the agent defines this package there at install (or
// appends it to the boot class path in a jar). It must link only to java.* classes.
package org.uma4j.agent.bridge;

import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;

/**
 * Targets of rewritten {@code ByteBuffer} call sites.
 *
 * <p>The agent rewrites {@code invokestatic java/nio/ByteBuffer.allocate(I)} in an included class
 * into a call of {@code allocate} here with the site pushed as a constant, and likewise for
 * {@code allocateDirect} and both {@code wrap} forms. A class file of Java 11 or later passes the
 * site's {@link SiteCell}, an {@code ldc} of a dynamic constant that {@link #cell} resolves once,
 * so that to C2 the cell is a constant; an older one passes the site id, looked up in
 * {@link #cells}. Each hook calls the JDK method first, so arguments, exceptions and the buffer
 * are exactly the JDK's, then counts the call: in the cell, or in the cell's stripe, that the
 * calling thread owns (see {@link SiteCell}), else through {@link #recorder}.
 *
 * <p>Threading: any application thread calls the hooks. {@link #recorder} and {@link #cells}
 * are written by the agent at install and uninstall, and read once per call; {@link #cells} is
 * replaced, never changed in place. The uninstall releases every cell's owner, so a cell held
 * as a constant sends its calls to the recorder, which is gone.
 *
 * <pre>{@code
 * ByteBuffer b = BufferHooks.allocate(n, <the cell of site 7>); // Java 11+ class file
 * ByteBuffer b = BufferHooks.allocate(n, 7);                     // older class file
 * }</pre>
 */
public final class BufferHooks {

    /** Receives the calls the cells do not count; null until the agent installs. */
    public static volatile BufferRecorder recorder;

    /** The installed recorder's site cells by site id; empty when none is installed. */
    public static volatile SiteCell[] cells = new SiteCell[0];

    /**
     * Whether a sampled buffer is parked for the site's next call ({@link SiteCell#pending}):
     * JDK 25 and later. There a call after the allocation on any path, even one taken once in a
     * thousand buffers, costs C2 what it knows of the new buffer's fields for the caller's puts
     * (≈ 2.5–3 ns a buffer); JDK 17's C2 re-reads them anyway, so there the check parking needs
     * is a cost alone (≈ 0.8 ns). JDKs 18 to 24 are not measured and keep the call.
     */
    public static final boolean PARKS_SAMPLES = Runtime.version().feature() >= 25;

    /** The largest buffer parked, in bytes: a cell never keeps more alive. */
    public static final int PARK_MAX = 64 * 1024;

    /** The last failure of {@link #recorder}, swallowed so the application never sees it. */
    public static volatile Throwable lastRecorderFailure; // racy: diagnostic only

    private BufferHooks() {
    }

    /** {@link ByteBuffer#allocate(int)} at site {@code site}. */
    public static ByteBuffer allocate(int capacity, int site) {
        SiteCell c = cellAt(site);
        if (PARKS_SAMPLES && c != null && c.pending != null && c.owner == Thread.currentThread()) {
            handOver(c);
        }
        return allocated(ByteBuffer.allocate(capacity), capacity, c, site, PARKS_SAMPLES);
    }

    /** {@link ByteBuffer#allocate(int)} at the site of {@code cell}. */
    public static ByteBuffer allocate(int capacity, SiteCell cell) {
        // Only the owner may settle the parked buffer: other threads pass by without a call.
        if (PARKS_SAMPLES && cell.pending != null && cell.owner == Thread.currentThread()) {
            handOver(cell); // before the JDK's allocation, so that no call follows it
        }
        return allocated(ByteBuffer.allocate(capacity), capacity, cell, cell.site, PARKS_SAMPLES);
    }

    /** {@link ByteBuffer#allocateDirect(int)} at site {@code site}; never parked. */
    public static ByteBuffer allocateDirect(int capacity, int site) {
        return allocated(ByteBuffer.allocateDirect(capacity), capacity, cellAt(site), site, false);
    }

    /** {@link ByteBuffer#allocateDirect(int)} at the site of {@code cell}; never parked. */
    public static ByteBuffer allocateDirect(int capacity, SiteCell cell) {
        return allocated(ByteBuffer.allocateDirect(capacity), capacity, cell, cell.site, false);
    }

    /** {@link ByteBuffer#wrap(byte[])} at site {@code site}. */
    public static ByteBuffer wrap(byte[] array, int site) {
        ByteBuffer b = ByteBuffer.wrap(array);
        wrapped(array.length, cellAt(site), site); // array is not null: wrap would have thrown
        return b;
    }

    /** {@link ByteBuffer#wrap(byte[])} at the site of {@code cell}. */
    public static ByteBuffer wrap(byte[] array, SiteCell cell) {
        ByteBuffer b = ByteBuffer.wrap(array);
        wrapped(array.length, cell, cell.site);
        return b;
    }

    /** {@link ByteBuffer#wrap(byte[], int, int)} at site {@code site}. */
    public static ByteBuffer wrap(byte[] array, int offset, int length, int site) {
        ByteBuffer b = ByteBuffer.wrap(array, offset, length);
        wrapped(length, cellAt(site), site);
        return b;
    }

    /** {@link ByteBuffer#wrap(byte[], int, int)} at the site of {@code cell}. */
    public static ByteBuffer wrap(byte[] array, int offset, int length, SiteCell cell) {
        ByteBuffer b = ByteBuffer.wrap(array, offset, length);
        wrapped(length, cell, cell.site);
        return b;
    }

    /**
     * Bootstrap of the dynamic constant a Java 11+ call site loads: its cell, resolved once when
     * the site first runs (the agent registered the site before it defined the class). With no
     * cells bound it returns a cell no recorder claims, so every call goes to {@link #recorder}.
     */
    public static SiteCell cell(MethodHandles.Lookup lookup, String name, Class<?> type, int site) {
        SiteCell c = cellAt(site);
        return c != null ? c : new SiteCell(site);
    }

    /** Returns the cell of {@code site}, or null: a stale table only sends the call to the recorder. */
    private static SiteCell cellAt(int site) {
        SiteCell[] cs = cells;
        return site >= 0 && site < cs.length ? cs[site] : null;
    }

    /**
     * Counts a new buffer, in {@code c} or in its stripe if the calling thread owns it and has used
     * the size class there, else through the recorder. Direct buffers are never parked ({@code mayPark} false),
     * so a cell never delays the release of native memory.
     */
    private static ByteBuffer allocated(ByteBuffer buffer, int capacity, SiteCell c, int site, boolean mayPark) {
        if (c != null && c.owner == Thread.currentThread() && c.add(capacity)) {
            // Only the sampling countdown is left. park is decided on every call: inside the rare
            // branch it would have too few profile counts for C2 to prune the call beside it.
            boolean park = mayPark && capacity <= PARK_MAX;
            long[] row = c.row;
            if (--row[SiteCell.COUNTDOWN] <= 0) {
                if (park) {
                    c.pending = buffer; // null before: this call's handOver emptied it
                } else {
                    sampleDue(buffer, capacity, c);
                }
            }
            return buffer;
        }
        SiteCell s = stripe(c);
        if (s != null && s.add(capacity)) {
            if (--s.row[SiteCell.COUNTDOWN] <= 0) {
                sampleDue(buffer, capacity, s); // a stripe never parks: its handOver would cost every call
            }
            return buffer;
        }
        BufferRecorder r = recorder;
        if (r != null) {
            try {
                if (ownedElsewhere(c)) {
                    r.allocatedElsewhere(buffer, capacity, site); // a shared site: no claim to try
                } else {
                    r.allocated(buffer, capacity, site);
                }
            } catch (Throwable t) {
                lastRecorderFailure = t; // accounting must never change the application's behaviour
            }
        }
        return buffer;
    }

    /** Returns the stripe of {@code c} the calling thread owns, or null. */
    private static SiteCell stripe(SiteCell c) {
        SiteCell[] ss;
        SiteCell s;
        Thread me = Thread.currentThread();
        // A racy element read: only the thread a stripe's owner names passes, and it claimed the
        // stripe itself, after the CAS that published it.
        return c != null && (ss = c.stripes) != null && (s = ss[SiteCell.stripe(me, ss.length)]) != null
                && s.owner == me ? s : null;
    }

    /** Whether another thread owns {@code c}: the caller cannot claim it, so the recorder need not try. */
    private static boolean ownedElsewhere(SiteCell c) {
        Thread o;
        return c != null && (o = c.owner) != null && o != Thread.currentThread();
    }

    private static void sampleDue(ByteBuffer buffer, int capacity, SiteCell c) {
        BufferRecorder r = recorder;
        if (r != null) {
            try {
                r.sampleDue(buffer, capacity, c);
            } catch (Throwable t) {
                lastRecorderFailure = t;
            }
        }
    }

    /** Hands the buffer parked in {@code c} to the recorder, which settles the owner's countdown. */
    private static void handOver(SiteCell c) {
        BufferRecorder r = recorder;
        if (r != null) {
            try {
                r.parkedDue(c);
            } catch (Throwable t) {
                lastRecorderFailure = t;
            }
        }
    }

    // Takes no buffer: the wrap's buffer must not escape into the recorder (see BufferRecorder).
    private static void wrapped(int length, SiteCell c, int site) {
        if (c != null && c.owner == Thread.currentThread() && c.add(length)) {
            return;
        }
        SiteCell s = stripe(c);
        if (s != null && s.add(length)) {
            return;
        }
        BufferRecorder r = recorder;
        if (r != null) {
            try {
                if (ownedElsewhere(c)) {
                    r.wrappedElsewhere(length, site);
                } else {
                    r.wrapped(length, site);
                }
            } catch (Throwable t) {
                lastRecorderFailure = t;
            }
        }
    }
}
