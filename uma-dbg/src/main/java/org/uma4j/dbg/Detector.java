package org.uma4j.dbg;

/**
 * The checks of the debug layer. Each is switchable globally and per zone, at configuration
 * time ({@link DebugConfig.Builder#enable}) and at run time ({@link ZoneChecks#setEnabled}),
 * and sampled by a divisor: 1 checks every item, N one item in N (chosen by item, so an item
 * is always or never checked, as uma_dbg's {@code vm.debug.divisor}), 0 none.
 */
public enum Detector {
    /** Trash fill on free and init, verify on alloc and fini: MODIFIED_AFTER_FREE. */
    TRASH,
    /** Per-item allocation state: DUPLICATE_FREE, DUPLICATE_ALLOC, WRONG_ZONE, FOREIGN. */
    STATE,
    /** Generation checks of per-allocation views: STALE_HANDLE (needs generation handles). */
    STALE,
    /** Reference count misuse: REFCOUNT. */
    REFCOUNT,
    /** Deterministic leak counting per {@link LeakScope}: LEAK when a scope closes. */
    SCOPE,
    /** GC-tracked handles: LEAK when a view becomes unreachable while allocated (needs generation handles). */
    LEAK,
    /** Guard bytes in the slack between allocated length and item size: REDZONE_OVERFLOW. */
    REDZONE,
    /** Holds freed items back, FIFO, before reuse, to widen the window in which trash catches late writes. */
    QUARANTINE
}
