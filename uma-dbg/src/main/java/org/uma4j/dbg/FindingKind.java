package org.uma4j.dbg;

/**
 * What a {@link Finding} reports. Each kind has a stable log prefix ({@code UMA4J LEAK:}) that
 * CI may grep for, and a specific exception type under {@link Policy#THROW}.
 */
public enum FindingKind {
    /** An allocation was never freed: its handle became unreachable, or a scope closed with it out. */
    LEAK("leak"),
    /** The trash pattern written at free was changed before the item was handed out again. */
    MODIFIED_AFTER_FREE("memory modified after free"),
    /** An item was freed that is not allocated (its allocation was already freed). */
    DUPLICATE_FREE("duplicate free"),
    /** The allocator handed out an item that is already allocated (an item was cached twice). */
    DUPLICATE_ALLOC("duplicate alloc"),
    /** An item of one zone was freed to another zone. */
    WRONG_ZONE("free to wrong zone"),
    /** Something that is no item of any zone the debug layer watches was freed (or null). */
    FOREIGN("free of foreign object"),
    /** A handle was used or freed after its allocation was freed (the item may be in use again). */
    STALE_HANDLE("stale handle"),
    /** A reference count went wrong: release below zero or retain after the last release. */
    REFCOUNT("refcount error"),
    /** Bytes between the allocated length and the item size were written. */
    REDZONE_OVERFLOW("buffer overflow detected");

    private final String words; // how messages name the kind, lower case

    FindingKind(String words) {
        this.words = words;
    }

    /** Returns the kind as messages write it, e.g. "duplicate free". */
    public String words() {
        return words;
    }

    /** Returns the stable, grep-able log prefix of this kind, e.g. {@code "UMA4J LEAK:"}. */
    public String logPrefix() {
        return "UMA4J " + name() + ":";
    }
}
