package org.uma4j.dbg;

import java.util.List;
import java.util.Objects;

/**
 * One violation found by the debug layer: what happened, to which item of which zone, where,
 * and the details of its kind. Listeners receive it, {@link Policy#LOG} prints it and
 * {@link Policy#THROW} throws it inside a {@link UmaViolationException}.
 *
 * <p>The item is named as the allocator names it: index in its slab, slab id, zone. Fields
 * that do not apply to a kind hold -1, null or {@link Site#UNKNOWN}:
 * <table>
 *   <caption>fields by kind</caption>
 *   <tr><th>kind</th><th>detail fields</th></tr>
 *   <tr><td>MODIFIED_AFTER_FREE</td><td>{@link #offset()} (first bad byte), {@link #value()}
 *       (the 32-bit word holding it), {@link #modifiedBytes()}, {@link #freeSite()}</td></tr>
 *   <tr><td>REDZONE_OVERFLOW</td><td>{@link #offset()} (first bad byte), {@link #modifiedBytes()},
 *       {@link #length()} (bytes allocated), {@link #size()}</td></tr>
 *   <tr><td>DUPLICATE_FREE, STALE_HANDLE</td><td>{@link #freeSite()} (the first free),
 *       {@link #handleGeneration()}</td></tr>
 *   <tr><td>WRONG_ZONE</td><td>{@link #otherZone()} (the zone the item belongs to)</td></tr>
 *   <tr><td>FOREIGN</td><td>{@link #detail()} (what was freed)</td></tr>
 *   <tr><td>REFCOUNT</td><td>{@link #detail()} (the operation), {@link #refs()}</td></tr>
 *   <tr><td>LEAK</td><td>{@link #detail()} ("garbage-collected" or the scope), access records</td></tr>
 * </table>
 *
 * <p>Threading: immutable.
 */
public final class Finding {
    private final FindingKind kind;            // what happened
    private final String zone;                 // the zone the operation was on
    private final String otherZone;            // WRONG_ZONE: the item's own zone
    private final int index;                   // item index in its slab; -1 if none
    private final int slabId;                  // slab id; -1 if none
    private final int generation;              // the item's generation when found; -1 if none
    private final int handleGeneration;        // the handle's generation; -1 if not a view
    private final Site site;                   // where the violation was caught
    private final Site allocSite;              // allocation of the affected allocation
    private final Site freeSite;               // (first) free of the affected allocation
    private final int offset;                  // first bad byte, from the item's start; -1
    private final int value;                   // bad 32-bit word (big-endian); 0 if none
    private final int modifiedBytes;           // bytes that differ from the pattern; -1
    private final int length;                  // bytes allocated; -1
    private final int size;                    // bytes in the item; -1
    private final int refs;                    // REFCOUNT: the count seen; -1 otherwise
    private final String detail;               // kind-specific words; null if none
    private final String thread;               // thread that found it
    private final StackTraceElement[] stack;     // where caught; null unless stacks are on
    private final StackTraceElement[] allocStack; // null unless stacks are on
    private final StackTraceElement[] freeStack;  // null unless stacks are on
    private final List<AccessRecord> accessRecords; // oldest first; empty unless recorded

    private Finding(Builder b) {
        this.kind = b.kind;
        this.zone = b.zone;
        this.otherZone = b.otherZone;
        this.index = b.index;
        this.slabId = b.slabId;
        this.generation = b.generation;
        this.handleGeneration = b.handleGeneration;
        this.site = b.site;
        this.allocSite = b.allocSite;
        this.freeSite = b.freeSite;
        this.offset = b.offset;
        this.value = b.value;
        this.modifiedBytes = b.modifiedBytes;
        this.length = b.length;
        this.size = b.size;
        this.refs = b.refs;
        this.detail = b.detail;
        this.thread = b.thread != null ? b.thread : Thread.currentThread().getName();
        this.stack = b.stack;
        this.allocStack = b.allocStack;
        this.freeStack = b.freeStack;
        this.accessRecords = List.copyOf(b.accessRecords);
    }

    /**
     * Returns a builder for a finding of {@code kind}; for the debug layer, and for tests of
     * listeners that need a finding to feed them.
     */
    public static Builder builder(FindingKind kind) {
        return new Builder(kind);
    }

    /** Returns what happened. */
    public FindingKind kind() {
        return kind;
    }

    /** Returns the name of the zone the operation was on; "-" if none. */
    public String zone() {
        return zone;
    }

    /** Returns, for WRONG_ZONE, the name of the zone the item belongs to; else null. */
    public String otherZone() {
        return otherZone;
    }

    /** Returns the item's index in its slab; -1 if no item is known. */
    public int index() {
        return index;
    }

    /** Returns the id of the item's slab; -1 if no item is known. */
    public int slabId() {
        return slabId;
    }

    /** Returns the item's generation when the violation was found; -1 if not known. */
    public int generation() {
        return generation;
    }

    /** Returns the generation the handle was made for, if it was a view; else -1. */
    public int handleGeneration() {
        return handleGeneration;
    }

    /** Returns where the violation was caught (the free, alloc or access); UNKNOWN if not known. */
    public Site site() {
        return site;
    }

    /** Returns where the affected allocation was made. */
    public Site allocSite() {
        return allocSite;
    }

    /** Returns where the affected allocation was (first) freed. */
    public Site freeSite() {
        return freeSite;
    }

    /** Returns the offset of the first bad byte from the item's first byte; -1 if none. */
    public int offset() {
        return offset;
    }

    /** Returns the 32-bit word (big-endian, aligned) that held the first bad byte; 0 if none. */
    public int value() {
        return value;
    }

    /** Returns the number of bytes that differ from the expected pattern; -1 if not counted. */
    public int modifiedBytes() {
        return modifiedBytes;
    }

    /** Returns the number of bytes that were allocated; -1 if not known. */
    public int length() {
        return length;
    }

    /** Returns the item size; -1 if not known. */
    public int size() {
        return size;
    }

    /** Returns, for REFCOUNT, the reference count seen; else -1. */
    public int refs() {
        return refs;
    }

    /** Returns kind-specific words (the refcount operation, what was freed, the leak's scope); null if none. */
    public String detail() {
        return detail;
    }

    /** Returns the name of the thread that found it. */
    public String thread() {
        return thread;
    }

    /** Returns the stack where the violation was caught (a copy), or null unless stacks are recorded. */
    public StackTraceElement[] stack() {
        return stack == null ? null : stack.clone();
    }

    /** Returns the allocation's stack (a copy), or null unless stacks are recorded. */
    public StackTraceElement[] allocStack() {
        return allocStack == null ? null : allocStack.clone();
    }

    /** Returns the (first) free's stack (a copy), or null unless stacks are recorded. */
    public StackTraceElement[] freeStack() {
        return freeStack == null ? null : freeStack.clone();
    }

    /** Returns the allocation's last access records, oldest first; empty unless recorded. */
    public List<AccessRecord> accessRecords() {
        return accessRecords;
    }

    /** Returns {@code item 17 (zone "mbuf", slab 3)}, the way reports name the item. */
    public String item() {
        return index < 0 ? "no item" : "item " + index + " (zone \"" + (otherZone != null ? otherZone : zone)
                + "\", slab " + slabId + ")";
    }

    /**
     * Returns the one-line message, with the stable {@code uma4j:} prefix, shaped like
     * {@code uma4j: duplicate free of item 17 (zone "mbuf", slab 3) at A.java:42; first freed at B.java:9}.
     */
    public String message() {
        return FindingText.message(this);
    }

    /** Returns the log form: the kind's prefix, the message, then stacks and access records, one per line. */
    public String report() {
        return FindingText.report(this);
    }

    /** Returns a new exception of this kind's type carrying this finding. */
    public UmaViolationException toException() {
        return UmaViolationException.of(this);
    }

    @Override
    public String toString() {
        return message();
    }

    /**
     * Collects a finding's fields. Unset fields keep their "not applicable" values.
     *
     * <p>Threading: one thread.
     */
    public static final class Builder {
        private final FindingKind kind;   // required
        private String zone = "-";        // the zone operated on
        private String otherZone;         // WRONG_ZONE
        private int index = -1;           // item index
        private int slabId = -1;          // slab id
        private int generation = -1;      // item generation
        private int handleGeneration = -1; // view generation
        private Site site = Site.UNKNOWN; // where caught
        private Site allocSite = Site.UNKNOWN; // allocation
        private Site freeSite = Site.UNKNOWN;  // first free
        private int offset = -1;          // first bad byte
        private int value;                // bad word
        private int modifiedBytes = -1;   // changed bytes
        private int length = -1;          // allocated bytes
        private int size = -1;            // item bytes
        private int refs = -1;            // refcount seen
        private String detail;            // kind words
        private String thread;            // null = current
        private StackTraceElement[] stack;      // where caught
        private StackTraceElement[] allocStack; // allocation
        private StackTraceElement[] freeStack;  // first free
        private List<AccessRecord> accessRecords = List.of(); // oldest first

        private Builder(FindingKind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        /** Sets the zone operated on. */
        public Builder zone(String v) {
            zone = Objects.requireNonNull(v, "zone");
            return this;
        }

        /** Sets the item's own zone (WRONG_ZONE). */
        public Builder otherZone(String v) {
            otherZone = v;
            return this;
        }

        /** Sets the item: index in its slab and slab id. */
        public Builder item(int itemIndex, int slab) {
            index = itemIndex;
            slabId = slab;
            return this;
        }

        /** Sets the item's and the handle's generations (-1 if not a view). */
        public Builder generations(int item, int handle) {
            generation = item;
            handleGeneration = handle;
            return this;
        }

        /** Sets where the violation was caught, the allocation site and the (first) free site. */
        public Builder sites(Site caught, Site alloc, Site free) {
            site = Objects.requireNonNull(caught, "site");
            allocSite = Objects.requireNonNull(alloc, "allocSite");
            freeSite = Objects.requireNonNull(free, "freeSite");
            return this;
        }

        /** Sets the first bad offset, the bad word and the count of modified bytes. */
        public Builder damage(int firstOffset, int word, int modified) {
            offset = firstOffset;
            value = word;
            modifiedBytes = modified;
            return this;
        }

        /** Sets the allocated length and the item size. */
        public Builder extent(int allocated, int itemSize) {
            length = allocated;
            size = itemSize;
            return this;
        }

        /** Sets the reference count seen (REFCOUNT). */
        public Builder refs(int v) {
            refs = v;
            return this;
        }

        /** Sets the kind-specific words. */
        public Builder detail(String v) {
            detail = v;
            return this;
        }

        /** Sets the name of the thread that found it (default: the building thread). */
        public Builder thread(String v) {
            thread = v;
            return this;
        }

        /** Sets the stacks: where caught, allocation, first free; each may be null. */
        public Builder stacks(StackTraceElement[] caught, StackTraceElement[] alloc, StackTraceElement[] free) {
            stack = caught;
            allocStack = alloc;
            freeStack = free;
            return this;
        }

        /** Sets the access records, oldest first. */
        public Builder accessRecords(List<AccessRecord> v) {
            accessRecords = Objects.requireNonNull(v, "accessRecords");
            return this;
        }

        /** Returns the finding. */
        public Finding build() {
            return new Finding(this);
        }
    }
}
