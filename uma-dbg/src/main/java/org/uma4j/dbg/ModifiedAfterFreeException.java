package org.uma4j.dbg;

/**
 * Thrown for {@link FindingKind#MODIFIED_AFTER_FREE}: the trash pattern of a freed item changed before reuse.
 *
 * <p>Threading: immutable once thrown.
 */
public final class ModifiedAfterFreeException extends UmaViolationException {
    private static final long serialVersionUID = 1L;

    ModifiedAfterFreeException(Finding finding) {
        super(finding);
    }

    /** Returns the offset of the first modified byte from the item's first byte. */
    public int offset() {
        return finding().offset();
    }

    /** Returns the aligned 32-bit word (big-endian) that holds the first modified byte. */
    public int value() {
        return finding().value();
    }

    /** Returns the number of bytes that differ from the trash pattern. */
    public int modifiedBytes() {
        return finding().modifiedBytes();
    }

    /** Returns where the item was last freed. */
    public Site freeSite() {
        return finding().freeSite();
    }
}
