package org.uma4j.jfr;

/**
 * Writes debug findings as JFR events, one event type per kind ({@link FindingEvent}'s nested
 * classes). Findings are rare, so each one allocates its event freely; the guard still comes
 * first, so a detector running without a recording pays one volatile read per finding.
 *
 * <p>Threading: stateless; called on the thread that hit the finding.
 */
final class FindingEvents {
    // Probes: one per type, asked only isEnabled().
    private static final FindingEvent LEAK = new FindingEvent.Leak();
    private static final FindingEvent MODIFIED_AFTER_FREE = new FindingEvent.ModifiedAfterFree();
    private static final FindingEvent DOUBLE_FREE = new FindingEvent.DoubleFree();
    private static final FindingEvent WRONG_ZONE_FREE = new FindingEvent.WrongZoneFree();
    private static final FindingEvent STALE_HANDLE = new FindingEvent.StaleHandle();
    private static final FindingEvent REFCOUNT_ERROR = new FindingEvent.RefcountError();
    private static final FindingEvent REDZONE_OVERFLOW = new FindingEvent.RedzoneOverflow();

    private FindingEvents() {
    }

    /**
     * Commits one finding event if its type is enabled.
     *
     * @param name the event type, one of {@link Names#FINDINGS}
     * @param zone the zone's name
     * @param slab the slab number, -1 if unknown
     * @param index the item index, -1 if unknown
     * @param offset the byte offset of the damage, -1 if none
     * @param allocationSite where the item was allocated, null or empty if not tracked
     * @param freeSite where it was freed, null or empty if not tracked
     * @param message the report line
     */
    static void emit(String name, String zone, int slab, int index, int offset, String allocationSite,
            String freeSite, String message) {
        FindingEvent probe = probe(name);
        if (!probe.isEnabled()) {
            return;
        }
        FindingEvent e = create(name);
        e.zone = zone;
        e.slab = slab;
        e.index = index;
        e.offset = offset;
        e.allocationSite = allocationSite == null ? "" : allocationSite;
        e.freeSite = freeSite == null ? "" : freeSite;
        e.message = message;
        e.commit();
    }

    private static FindingEvent probe(String name) {
        switch (name) {
            case Names.LEAK: return LEAK;
            case Names.MODIFIED_AFTER_FREE: return MODIFIED_AFTER_FREE;
            case Names.DOUBLE_FREE: return DOUBLE_FREE;
            case Names.WRONG_ZONE_FREE: return WRONG_ZONE_FREE;
            case Names.STALE_HANDLE: return STALE_HANDLE;
            case Names.REFCOUNT_ERROR: return REFCOUNT_ERROR;
            case Names.REDZONE_OVERFLOW: return REDZONE_OVERFLOW;
            default: throw new IllegalArgumentException("name: \"" + name + "\" (expected: one of " + Names.FINDINGS + ")");
        }
    }

    private static FindingEvent create(String name) {
        switch (name) {
            case Names.LEAK: return new FindingEvent.Leak();
            case Names.MODIFIED_AFTER_FREE: return new FindingEvent.ModifiedAfterFree();
            case Names.DOUBLE_FREE: return new FindingEvent.DoubleFree();
            case Names.WRONG_ZONE_FREE: return new FindingEvent.WrongZoneFree();
            case Names.STALE_HANDLE: return new FindingEvent.StaleHandle();
            case Names.REFCOUNT_ERROR: return new FindingEvent.RefcountError();
            default: return new FindingEvent.RedzoneOverflow();
        }
    }
}
