package org.uma4j.jfr;

import java.time.Instant;
import org.uma4j.dbg.FindingKind;

/**
 * One debug finding read back from a recording by {@link RecordingReader#findings()}: the
 * columns {@code umastat} prints. Fields that do not apply to the kind hold -1 or "".
 *
 * @param time when it was found
 * @param kind what was found
 * @param zone the zone the item was freed to or used in
 * @param otherZone for a wrong-zone free, the zone the item belongs to
 * @param slab the slab number, -1 if unknown
 * @param index the item index in its slab, -1 if unknown
 * @param offset the offset of the first damaged byte, -1 if none
 * @param site where it was caught, empty if not tracked
 * @param allocationSite where the item was allocated, empty if not tracked
 * @param freeSite where it was freed, empty if not tracked
 * @param detail the kind-specific detail (refcount operation, leak scope, foreign object)
 * @param message the report line, starting with {@code uma4j:}
 * @param thread the name of the thread that hit it, empty if unknown
 */
public record FindingRecord(Instant time, FindingKind kind, String zone, String otherZone, int slab, int index,
        int offset, String site, String allocationSite, String freeSite, String detail, String message,
        String thread) {
}
