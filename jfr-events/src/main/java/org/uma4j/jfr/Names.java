package org.uma4j.jfr;

import java.util.List;

/**
 * The stable names of uma4j's JFR event types: what {@code .jfc} files, {@code jfr print
 * --events}, {@link RecordingReader} and tests refer to. Renaming one breaks every recording
 * reader and settings file in the field, so these never change.
 */
final class Names {
    static final String ZONE_CONFIGURATION = "org.uma4j.ZoneConfiguration";
    static final String ZONE_STATISTICS = "org.uma4j.ZoneStatistics";
    static final String MBUF_STATISTICS = "org.uma4j.MbufStatistics";
    static final String CALL_SITE_STATISTICS = "org.uma4j.CallSiteStatistics";
    static final String SIZE_CLASS_STATISTICS = "org.uma4j.SizeClassStatistics";
    static final String CHUNK_END_STATISTICS = "org.uma4j.ChunkEndStatistics";
    static final String SLAB_GROW = "org.uma4j.SlabGrow";
    static final String SLAB_RELEASE = "org.uma4j.SlabRelease";
    static final String LIMIT_REACHED = "org.uma4j.LimitReached";
    static final String ALLOCATION_DELAYED = "org.uma4j.AllocationDelayed";
    static final String RECLAIM = "org.uma4j.Reclaim";
    static final String ITEM_ALLOCATION = "org.uma4j.ItemAllocation";
    static final String ITEM_FREE = "org.uma4j.ItemFree";
    static final String LEAK = "org.uma4j.Leak";
    static final String MODIFIED_AFTER_FREE = "org.uma4j.ModifiedAfterFree";
    static final String DUPLICATE_FREE = "org.uma4j.DuplicateFree";
    static final String DUPLICATE_ALLOC = "org.uma4j.DuplicateAlloc";
    static final String WRONG_ZONE_FREE = "org.uma4j.WrongZoneFree";
    static final String FOREIGN_FREE = "org.uma4j.ForeignFree";
    static final String STALE_HANDLE = "org.uma4j.StaleHandle";
    static final String REFCOUNT_ERROR = "org.uma4j.RefcountError";
    static final String REDZONE_OVERFLOW = "org.uma4j.RedzoneOverflow";

    /** The finding event types, in {@code org.uma4j.dbg.FindingKind} order. */
    static final List<String> FINDINGS = List.of(LEAK, MODIFIED_AFTER_FREE, DUPLICATE_FREE, DUPLICATE_ALLOC,
            WRONG_ZONE_FREE, FOREIGN_FREE, STALE_HANDLE, REFCOUNT_ERROR, REDZONE_OVERFLOW);

    /** Every uma4j event type. */
    static final List<String> ALL = List.of(ZONE_CONFIGURATION, ZONE_STATISTICS, MBUF_STATISTICS, CALL_SITE_STATISTICS,
            SIZE_CLASS_STATISTICS, CHUNK_END_STATISTICS, SLAB_GROW,
            SLAB_RELEASE, LIMIT_REACHED, ALLOCATION_DELAYED, RECLAIM, ITEM_ALLOCATION, ITEM_FREE, LEAK,
            MODIFIED_AFTER_FREE, DUPLICATE_FREE, DUPLICATE_ALLOC, WRONG_ZONE_FREE, FOREIGN_FREE, STALE_HANDLE,
            REFCOUNT_ERROR, REDZONE_OVERFLOW);

    /** The event types written to recordings: all but {@link #CHUNK_END_STATISTICS}, a hook only. */
    static final List<String> WRITTEN = ALL.stream().filter(n -> !n.equals(CHUNK_END_STATISTICS)).toList();

    private Names() {
    }
}
