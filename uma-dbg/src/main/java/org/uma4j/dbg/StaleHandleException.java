package org.uma4j.dbg;

/**
 * Thrown for {@link FindingKind#STALE_HANDLE}: a handle was used or freed after its allocation was freed.
 *
 * <p>Threading: immutable once thrown.
 */
public final class StaleHandleException extends UmaViolationException {
    private static final long serialVersionUID = 1L;

    StaleHandleException(Finding finding) {
        super(finding);
    }

    /** Returns the generation the handle was made for. */
    public int handleGeneration() {
        return finding().handleGeneration();
    }

    /** Returns where the handle's allocation was freed, if known. */
    public Site freeSite() {
        return finding().freeSite();
    }
}
