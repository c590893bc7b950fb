package org.uma4j.dbg;

/**
 * Thrown for {@link FindingKind#REDZONE_OVERFLOW}: bytes past the allocated length were written.
 *
 * <p>Threading: immutable once thrown.
 */
public final class RedzoneOverflowException extends UmaViolationException {
    private static final long serialVersionUID = 1L;

    RedzoneOverflowException(Finding finding) {
        super(finding);
    }

    /** Returns the number of guard bytes that were changed. */
    public int overflowBytes() {
        return finding().modifiedBytes();
    }

    /** Returns the offset, from the item's first byte, of the first changed guard byte. */
    public int offset() {
        return finding().offset();
    }

    /** Returns the number of bytes that were allocated. */
    public int length() {
        return finding().length();
    }
}
