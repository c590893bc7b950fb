package org.uma4j.dbg;

/**
 * Thrown for {@link FindingKind#REFCOUNT}: a release below zero or a retain after the last release.
 *
 * <p>Threading: immutable once thrown.
 */
public final class RefcountException extends UmaViolationException {
    private static final long serialVersionUID = 1L;

    RefcountException(Finding finding) {
        super(finding);
    }

    /** Returns the operation that went wrong: "release below zero" or "retain after the last release". */
    public String operation() {
        return finding().detail();
    }

    /** Returns the reference count the operation saw. */
    public int refs() {
        return finding().refs();
    }
}
