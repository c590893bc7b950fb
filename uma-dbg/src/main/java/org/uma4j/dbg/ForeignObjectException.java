package org.uma4j.dbg;

/**
 * Thrown for {@link FindingKind#FOREIGN}: something that is no watched item (or null) was freed.
 *
 * <p>Threading: immutable once thrown.
 */
public final class ForeignObjectException extends UmaViolationException {
    private static final long serialVersionUID = 1L;

    ForeignObjectException(Finding finding) {
        super(finding);
    }

    /** Returns what was freed, as the report describes it. */
    public String what() {
        return finding().detail();
    }
}
