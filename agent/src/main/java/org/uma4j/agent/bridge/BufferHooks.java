// Loaded by the boot class loader alone: the agent defines this package there at install (or
// appends it to the boot class path in a jar). It must link only to java.* classes.
package org.uma4j.agent.bridge;

import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;

/**
 * Targets of rewritten {@code ByteBuffer} call sites.
 *
 * <p>The agent rewrites {@code invokestatic java/nio/ByteBuffer.allocate(I)} in an included class
 * into {@code invokestatic BufferHooks.allocate(II)}, with the call site's id pushed as a
 * constant, and likewise for {@code allocateDirect} and both {@code wrap} forms. Each hook calls
 * the JDK method first, so argument checks, exceptions and the returned buffer are exactly the
 * JDK's, then counts the call. A site called by its owner thread (see {@link SiteCell}) is
 * counted here, in the site's cell, with plain stores; every other call, and every buffer
 * sampled for liveness, is reported to the recorder in {@link #recorder}: a new buffer with its
 * capacity, a wrap with its length only (see {@link BufferRecorder}). On JDK 25 a small heap
 * buffer the owner samples is reported at the site's next call ({@link #PARKS_SAMPLES}).
 *
 * <p>Threading: hooks are called by any application thread. {@link #recorder} is a
 * {@code volatile} slot written by the agent at install (and cleared by a test's uninstall);
 * a hook reads it once per call, so a hook running during install either sees no recorder or
 * a fully constructed one. {@link #cells} is the installed recorder's table of site cells, by
 * site id, replaced (never changed in place) as sites are registered and emptied at uninstall;
 * a hook that finds no cell of its own there reports to the recorder. A cell that a call site
 * holds as a constant outlives the uninstall: the uninstall releases its owner
 * ({@link SiteCell#release}), so its calls go to the recorder, which is gone.
 *
 * <p>Two forms of each hook. A class file of Java 11 or later gets the one that takes the
 * site's {@link SiteCell} itself, loaded by an {@code ldc} of a dynamic constant that
 * {@link #cell} resolves once: to C2 the cell is then a constant, so the owner's path starts at
 * the cell's fields instead of at {@link #cells}, its length and its element. An older class
 * file gets the form that takes the site id, and finds the cell in {@link #cells}.
 *
 * <p>Example of what an instrumented call compiles to (site id 7):
 * <pre>{@code
 * ByteBuffer b = BufferHooks.allocate(n, <the cell of site 7>); // Java 11+ class file
 * ByteBuffer b = BufferHooks.allocate(n, 7);                     // older class file
 * }</pre>
 */
public final class BufferHooks {

    /** Receives each call with its site id; null until the agent installs. */
    public static volatile BufferRecorder recorder; // written by the agent at install

    /** The site cells by site id, of the installed recorder's sites; empty when none is installed. */
    public static volatile SiteCell[] cells = new SiteCell[0]; // replaced, never changed in place

    /**
     * Whether the owner's sampled buffers are parked for the site's next call (see
     * {@link SiteCell#pending}) rather than handed to the recorder at once: on JDK 25 and later.
     * There C2 keeps the values a new buffer's fields were initialised with for the caller's
     * first puts, unless a call follows the allocation on any path, and the one call a countdown
     * leaves (taken once in a thousand buffers) cost every buffer ≈ 2.5–3 ns. JDK 17's C2 re-reads
     * the fields anyway, so there the check a parked sample needs before each allocation is a
     * cost alone (≈ 0.8 ns a buffer). JDKs 18 to 24 are not measured and keep the call.
     */
    public static final boolean PARKS_SAMPLES = Runtime.version().feature() >= 25;

    /** The largest buffer parked, in bytes: making a bigger one costs far more than the call. */
    public static final int PARK_MAX = 64 * 1024;

    /** Failures of {@link #recorder}, swallowed so the application never sees them. */
    public static volatile Throwable lastRecorderFailure; // racy: diagnostic only

    private BufferHooks() {
    }

    /**
     * Replacement for {@link ByteBuffer#allocate(int)}.
     *
     * @param capacity the requested capacity, checked by the JDK
     * @param site the call site's id, assigned when the caller was instrumented
     * @return the JDK's buffer
     */
    public static ByteBuffer allocate(int capacity, int site) {
        SiteCell c = cellAt(site);
        if (PARKS_SAMPLES && c != null && c.pending != null) {
            handOver(c);
        }
        return allocated(ByteBuffer.allocate(capacity), capacity, c, site, PARKS_SAMPLES);
    }

    /**
     * Replacement for {@link ByteBuffer#allocate(int)} in a Java 11+ class file.
     *
     * @param capacity the requested capacity, checked by the JDK
     * @param cell the call site's cell, a constant of the call ({@link #cell})
     * @return the JDK's buffer
     */
    public static ByteBuffer allocate(int capacity, SiteCell cell) {
        if (PARKS_SAMPLES && cell.pending != null) {
            handOver(cell); // before the JDK's allocation, so that no call follows it
        }
        return allocated(ByteBuffer.allocate(capacity), capacity, cell, cell.site, PARKS_SAMPLES);
    }

    /**
     * Replacement for {@link ByteBuffer#allocateDirect(int)}.
     *
     * @param capacity the requested capacity, checked by the JDK
     * @param site the call site's id
     * @return the JDK's buffer
     */
    public static ByteBuffer allocateDirect(int capacity, int site) {
        return allocated(ByteBuffer.allocateDirect(capacity), capacity, cellAt(site), site, false);
    }

    /**
     * Replacement for {@link ByteBuffer#allocateDirect(int)} in a Java 11+ class file.
     *
     * @param capacity the requested capacity, checked by the JDK
     * @param cell the call site's cell
     * @return the JDK's buffer
     */
    public static ByteBuffer allocateDirect(int capacity, SiteCell cell) {
        // Never parked (see allocated): a direct buffer's native memory must not wait on a cell.
        return allocated(ByteBuffer.allocateDirect(capacity), capacity, cell, cell.site, false);
    }

    /**
     * Replacement for {@link ByteBuffer#wrap(byte[])}.
     *
     * @param array the array to wrap, checked by the JDK
     * @param site the call site's id
     * @return the JDK's buffer
     */
    public static ByteBuffer wrap(byte[] array, int site) {
        ByteBuffer b = ByteBuffer.wrap(array);
        wrapped(array.length, cellAt(site), site); // array is not null: wrap would have thrown
        return b;
    }

    /**
     * Replacement for {@link ByteBuffer#wrap(byte[])} in a Java 11+ class file.
     *
     * @param array the array to wrap, checked by the JDK
     * @param cell the call site's cell
     * @return the JDK's buffer
     */
    public static ByteBuffer wrap(byte[] array, SiteCell cell) {
        ByteBuffer b = ByteBuffer.wrap(array);
        wrapped(array.length, cell, cell.site);
        return b;
    }

    /**
     * Replacement for {@link ByteBuffer#wrap(byte[], int, int)}.
     *
     * @param array the array to wrap
     * @param offset the first index, checked by the JDK
     * @param length the number of bytes, checked by the JDK
     * @param site the call site's id
     * @return the JDK's buffer
     */
    public static ByteBuffer wrap(byte[] array, int offset, int length, int site) {
        ByteBuffer b = ByteBuffer.wrap(array, offset, length);
        wrapped(length, cellAt(site), site);
        return b;
    }

    /**
     * Replacement for {@link ByteBuffer#wrap(byte[], int, int)} in a Java 11+ class file.
     *
     * @param array the array to wrap
     * @param offset the first index, checked by the JDK
     * @param length the number of bytes, checked by the JDK
     * @param cell the call site's cell
     * @return the JDK's buffer
     */
    public static ByteBuffer wrap(byte[] array, int offset, int length, SiteCell cell) {
        ByteBuffer b = ByteBuffer.wrap(array, offset, length);
        wrapped(length, cell, cell.site);
        return b;
    }

    /**
     * Bootstrap of the dynamic constant that a Java 11+ call site loads: the site's cell. Called
     * once per call site, by the JVM, when the site first runs; the agent registered the site,
     * and so made its cell, before it defined the calling class.
     *
     * @param lookup the calling class's lookup (unused: the cell is the same for every caller)
     * @param name the constant's name (unused)
     * @param type {@code SiteCell.class}
     * @param site the site's id, the constant's static argument
     * @return the site's cell; when no recorder's cells are bound (no agent installed) a cell of
     *     its own that no recorder claims, so that every call goes to {@link #recorder}
     */
    public static SiteCell cell(MethodHandles.Lookup lookup, String name, Class<?> type, int site) {
        SiteCell c = cellAt(site);
        return c != null ? c : new SiteCell(site);
    }

    /** Returns the cell of {@code site}, or null. Cannot throw: a stale table only sends the call to the recorder. */
    private static SiteCell cellAt(int site) {
        SiteCell[] cs = cells;
        return site >= 0 && site < cs.length ? cs[site] : null;
    }

    /**
     * Counts a new buffer: in {@code c} if the calling thread owns it and has used the size class
     * there, else through the recorder. {@code mayPark}: a sampled buffer may be parked (heap
     * buffers where {@link #PARKS_SAMPLES}); direct buffers never are, so that a cell never
     * delays the release of native memory, and a heap buffer over {@link #PARK_MAX} bytes is
     * handed over at once, so that a cell never keeps more than that alive.
     */
    private static ByteBuffer allocated(ByteBuffer buffer, int capacity, SiteCell c, int site, boolean mayPark) {
        if (c != null && c.owner == Thread.currentThread() && c.add(capacity)) {
            // Counted by the owner: only the sampling countdown is left, in the same row. Where
            // samples are parked, a buffer that runs it out is left for the site's next call
            // (see SiteCell#pending); pending is null here, this call's handOver emptied it.
            // Decided on every call, not in the rare branch below: a branch reached once in a
            // thousand buffers has too few counts for C2 to prune its other side, and the call
            // left there would cost every buffer the fold that parking is for.
            boolean park = mayPark && capacity <= PARK_MAX;
            long[] row = c.row;
            if (--row[SiteCell.COUNTDOWN] <= 0) {
                if (park) {
                    c.pending = buffer;
                } else {
                    sampleDue(buffer, capacity, site);
                }
            }
            return buffer;
        }
        BufferRecorder r = recorder; // one volatile read per call
        if (r != null) {
            try {
                r.allocated(buffer, capacity, site);
            } catch (Throwable t) {
                // Accounting must never change the application's behaviour.
                lastRecorderFailure = t;
            }
        }
        return buffer;
    }

    private static void sampleDue(ByteBuffer buffer, int capacity, int site) {
        BufferRecorder r = recorder;
        if (r != null) {
            try {
                r.sampleDue(buffer, capacity, site);
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
            return; // counted by the owner
        }
        BufferRecorder r = recorder; // one volatile read per call
        if (r != null) {
            try {
                r.wrapped(length, site);
            } catch (Throwable t) {
                lastRecorderFailure = t;
            }
        }
    }
}
