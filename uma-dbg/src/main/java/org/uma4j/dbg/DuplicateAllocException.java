package org.uma4j.dbg;

/**
 * Thrown for {@link FindingKind#DUPLICATE_ALLOC}: the allocator handed out an item that was already allocated.
 *
 * <p>Threading: immutable once thrown.
 */
public final class DuplicateAllocException extends UmaViolationException {
    private static final long serialVersionUID = 1L;

    DuplicateAllocException(Finding finding) {
        super(finding);
    }
}
