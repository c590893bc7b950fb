package org.uma4j.jfr;

import java.time.Instant;

/**
 * One debug finding read back from a recording by {@link RecordingReader#findings()}.
 *
 * @param time when it was found
 * @param kind the event type's last name part: {@code Leak}, {@code ModifiedAfterFree},
 *     {@code DoubleFree}, {@code WrongZoneFree}, {@code StaleHandle}, {@code RefcountError}
 *     or {@code RedzoneOverflow}
 * @param zone the zone's name
 * @param slab the slab number, -1 if unknown
 * @param index the item index in its slab, -1 if unknown
 * @param offset the byte offset of the damage, -1 if none
 * @param allocationSite where the item was allocated, empty if not tracked
 * @param freeSite where it was freed, empty if not tracked
 * @param message the report line, starting with {@code uma4j:}
 * @param thread the name of the thread that hit it, empty if unknown
 */
public record FindingRecord(Instant time, String kind, String zone, int slab, int index, int offset,
        String allocationSite, String freeSite, String message, String thread) {
}
