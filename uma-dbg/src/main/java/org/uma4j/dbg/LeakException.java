package org.uma4j.dbg;

import java.util.List;

/**
 * Thrown for {@link FindingKind#LEAK}: an allocation was never freed. When a {@link LeakScope}
 * closes with several allocations out, one exception carries them all ({@link #leaks()}); its
 * own fields are those of the first.
 *
 * <p>Threading: immutable once thrown.
 */
public final class LeakException extends UmaViolationException {
    private static final long serialVersionUID = 1L;

    private final transient List<Finding> leaks; // every leak reported together, first = finding()

    LeakException(Finding first, List<Finding> leaks) {
        super(first);
        this.leaks = List.copyOf(leaks);
    }

    /** Returns every leak reported together, the first being {@link #finding()}. */
    public List<Finding> leaks() {
        return leaks;
    }

    @Override
    public String getMessage() {
        String m = super.getMessage();
        return leaks.size() <= 1 ? m : m + " (and " + (leaks.size() - 1) + " more)";
    }
}
