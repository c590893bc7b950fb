package org.uma4j.agent.account;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.uma4j.agent.bridge.SiteCell;

/**
 * One rewritten call site: where it is (known at instrumentation time) and its counters per
 * size class.
 *
 * <p>Counts are kept in two places that readers add up: the {@link SiteCell} of the thread that
 * owns the site (usually its only caller; the bridge counts there itself) and the per-thread
 * rows of every other caller ({@code PerThreadCounts}).
 *
 * <p>Threading: immutable description; {@link #counters(int)} creates a class's counters on
 * first use with a CAS and may be called by any thread.
 */
public final class Site {

    /**
     * Stripes per shared site: enough for a pool of four threads a CPU to count without
     * colliding (thread ids run in sequence), at most 256. A stripe costs nothing until a thread
     * claims it; the table costs 4 or 8 bytes a stripe, at sites called by more than one thread.
     */
    static final int STRIPES = Math.min(256, Math.max(16,
            Integer.highestOneBit(4 * Runtime.getRuntime().availableProcessors() - 1) << 1));
    private static final VarHandle STRIPE = MethodHandles.arrayElementVarHandle(SiteCell[].class);

    private final int id; // index in the SiteRegistry, the constant passed by the call site
    private final String className; // dotted binary name of the calling class
    private final String method; // calling method's name
    private final String file; // source file from the class file, or null
    private final int line; // line number of the call, or -1 without debug info
    private final CallKind kind; // which ByteBuffer method is called
    private final boolean probe; // the agent's own self-test site, left out of reports
    private final PerThreadCounts perThread; // the registry's per-thread counts, folded by the counters
    private final AtomicReferenceArray<SizeClassCounters> bySizeClass =
            new AtomicReferenceArray<>(SizeClass.COUNT); // created lazily, never removed
    private final SiteCell cell; // the owner thread's counts, which the bridge adds to itself

    Site(int id, String className, String method, String file, int line, CallKind kind, boolean probe,
         PerThreadCounts perThread) {
        this.id = id;
        this.className = className;
        this.method = method;
        this.file = file;
        this.line = line;
        this.kind = kind;
        this.probe = probe;
        this.perThread = perThread;
        this.cell = new SiteCell(id);
    }

    /** @return the site's cell: its owner thread's counts, which the bridge's hooks add to */
    SiteCell cell() {
        return cell;
    }

    /**
     * Returns the stripe of the cell that {@code me} owns, claiming it (and making the stripes)
     * if nobody does; null if a live thread holds it. Called for a platform thread only.
     *
     * @param me the calling thread
     * @return a cell of this site that {@code me} owns, or null
     */
    SiteCell claimStripe(Thread me) {
        SiteCell[] ss = cell.stripes;
        if (ss == null) {
            ss = makeStripes();
        }
        int i = SiteCell.stripe(me, ss.length);
        SiteCell s = (SiteCell) STRIPE.getAcquire(ss, i);
        if (s == null) {
            SiteCell made = new SiteCell(id);
            // The CAS publishes the cell with its empty row; a loser claims the winner's.
            SiteCell won = (SiteCell) STRIPE.compareAndExchange(ss, i, (SiteCell) null, made);
            s = won == null ? made : won;
        }
        return s.claim(me) ? s : null;
    }

    private synchronized SiteCell[] makeStripes() {
        SiteCell[] ss = cell.stripes;
        if (ss == null) {
            ss = new SiteCell[STRIPES];
            cell.stripes = ss; // volatile: published empty, filled by CAS
        }
        return ss;
    }

    /**
     * Sums one row element over the cell and its stripes: racy reads of the owners' plain stores.
     *
     * @param at a row index ({@code SiteCell.FIRST + 2k} for class {@code k}'s count, its bytes after)
     * @return the sum over the rows long enough to hold it
     */
    long sumOwned(int at) {
        long[] own = cell.row;
        long sum = at < own.length ? own[at] : 0;
        SiteCell[] ss = cell.stripes;
        for (int i = 0; ss != null && i < ss.length; i++) {
            SiteCell s = (SiteCell) STRIPE.getAcquire(ss, i);
            long[] row = s != null ? s.row : null;
            if (row != null && at < row.length) {
                sum += row[at];
            }
        }
        return sum;
    }

    /** Releases the cell and each stripe whose owner has ended, for the next thread to claim; their rows stay. */
    void releaseEnded() {
        cell.releaseIfEnded();
        SiteCell[] ss = cell.stripes;
        for (int i = 0; ss != null && i < ss.length; i++) {
            SiteCell s = (SiteCell) STRIPE.getAcquire(ss, i);
            if (s != null) {
                s.releaseIfEnded();
            }
        }
    }

    /**
     * Returns the counters of one size class, creating them on first use.
     *
     * @param sizeClass a {@link SizeClass} index
     * @return the counters, shared by all threads
     */
    public SizeClassCounters counters(int sizeClass) {
        SizeClassCounters c = bySizeClass.get(sizeClass);
        if (c != null) {
            return c;
        }
        SizeClassCounters created = new SizeClassCounters(perThread, id, sizeClass);
        // CAS publishes the fully constructed counters; a loser uses the winner's.
        return bySizeClass.compareAndSet(sizeClass, null, created) ? created : bySizeClass.get(sizeClass);
    }

    /**
     * Returns the counters of one size class if any buffer was accounted there.
     *
     * @param sizeClass a {@link SizeClass} index
     * @return the counters or null
     */
    public SizeClassCounters countersIfUsed(int sizeClass) {
        return bySizeClass.get(sizeClass);
    }

    /** @return the id passed by the rewritten call */
    public int id() {
        return id;
    }

    /** @return the calling class's dotted name */
    public String className() {
        return className;
    }

    /** @return the calling method's name */
    public String method() {
        return method;
    }

    /** @return the source file name, or null */
    public String file() {
        return file;
    }

    /** @return the line of the call, or -1 */
    public int line() {
        return line;
    }

    /** @return the rewritten method */
    public CallKind kind() {
        return kind;
    }

    /** @return whether this is the agent's self-test site */
    public boolean probe() {
        return probe;
    }

    /** @return {@code Class.method(File.java:42)}, as a stack trace element prints */
    @Override
    public String toString() {
        return className + "." + method + "(" + (file == null ? "Unknown Source" : file)
                + (line >= 0 ? ":" + line : "") + ")";
    }
}
