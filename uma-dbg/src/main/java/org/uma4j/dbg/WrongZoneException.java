package org.uma4j.dbg;

/**
 * Thrown for {@link FindingKind#WRONG_ZONE}: an item was freed to a zone it does not belong to.
 *
 * <p>Threading: immutable once thrown.
 */
public final class WrongZoneException extends UmaViolationException {
    private static final long serialVersionUID = 1L;

    WrongZoneException(Finding finding) {
        super(finding);
    }

    /** Returns the name of the zone the item belongs to. */
    public String itemZone() {
        return finding().otherZone();
    }
}
