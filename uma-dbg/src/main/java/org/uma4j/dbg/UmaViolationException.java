package org.uma4j.dbg;

/**
 * Thrown under {@link Policy#THROW} for a {@link Finding}; each {@link FindingKind} has its own
 * subclass with the kind's detail fields, so tests assert on fields, not on the message.
 * Extends {@link IllegalStateException}, as the allocator's own checks do.
 *
 * <pre>{@code
 * DuplicateFreeException e = assertThrows(DuplicateFreeException.class, () -> zone.free(b));
 * assertEquals(firstFreeLine, e.firstFreeSite().line());
 * }</pre>
 *
 * <p>When stacks are recorded, the allocation and (first) free backtraces are attached as
 * suppressed exceptions named "Allocation backtrace" and "Free backtrace", and the stack of
 * the exception itself starts at the caller's frame.
 *
 * <p>Threading: immutable once thrown.
 */
public class UmaViolationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient Finding finding; // what was found

    /**
     * Creates the exception for {@code finding}; use {@link Finding#toException()} to get the
     * kind's subclass.
     */
    protected UmaViolationException(Finding finding) {
        super(finding.message());
        this.finding = finding;
        if (finding.allocStack() != null) {
            addSuppressed(new Backtrace("Allocation backtrace", finding.allocStack()));
        }
        if (finding.freeStack() != null) {
            addSuppressed(new Backtrace("Free backtrace", finding.freeStack()));
        }
    }

    static UmaViolationException of(Finding f) {
        switch (f.kind()) {
            case LEAK: return new LeakException(f, java.util.List.of(f));
            case MODIFIED_AFTER_FREE: return new ModifiedAfterFreeException(f);
            case DUPLICATE_FREE: return new DuplicateFreeException(f);
            case DUPLICATE_ALLOC: return new DuplicateAllocException(f);
            case WRONG_ZONE: return new WrongZoneException(f);
            case FOREIGN: return new ForeignObjectException(f);
            case STALE_HANDLE: return new StaleHandleException(f);
            case REFCOUNT: return new RefcountException(f);
            case REDZONE_OVERFLOW: return new RedzoneOverflowException(f);
            default: throw new AssertionError(f.kind());
        }
    }

    /** Returns the finding, with every field. */
    public Finding finding() {
        return finding;
    }

    /** Returns the kind. */
    public FindingKind kind() {
        return finding.kind();
    }

    /** Returns the name of the zone the operation was on. */
    public String zone() {
        return finding.zone();
    }

    /** Returns the item's index in its slab; -1 if none. */
    public int itemIndex() {
        return finding.index();
    }

    /** Returns the item's slab id; -1 if none. */
    public int slabId() {
        return finding.slabId();
    }

    /** Returns the item's generation when found; -1 if not known. */
    public int generation() {
        return finding.generation();
    }

    /** Returns where the violation was caught. */
    public Site site() {
        return finding.site();
    }

    /** Returns where the affected allocation was made. */
    public Site allocSite() {
        return finding.allocSite();
    }

    /** A recorded backtrace, attached as a suppressed exception; it has no stack of its own. */
    static final class Backtrace extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Backtrace(String title, StackTraceElement[] stack) {
            super(title, null, false, true);
            setStackTrace(stack);
        }
    }
}
