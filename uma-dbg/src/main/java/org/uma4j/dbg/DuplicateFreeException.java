package org.uma4j.dbg;

/**
 * Thrown for {@link FindingKind#DUPLICATE_FREE}: an allocation was freed twice.
 *
 * <p>Threading: immutable once thrown.
 */
public final class DuplicateFreeException extends UmaViolationException {
    private static final long serialVersionUID = 1L;

    DuplicateFreeException(Finding finding) {
        super(finding);
    }

    /** Returns where the allocation was first freed. */
    public Site firstFreeSite() {
        return finding().freeSite();
    }
}
