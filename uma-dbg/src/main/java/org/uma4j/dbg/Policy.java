package org.uma4j.dbg;

/**
 * What the debug layer does after listeners have seen a {@link Finding}: like an INVARIANTS
 * kernel's printf versus panic.
 */
public enum Policy {
    /**
     * Log one line with the kind's stable prefix ({@code UMA4J DUPLICATE_FREE: uma4j: ...}),
     * then the stacks and access records if any, and carry on. A refused free stays refused.
     */
    LOG,
    /** Throw the kind's {@link UmaViolationException} subclass to the caller. */
    THROW,
    /**
     * Log as {@link #LOG}, then stop the VM at once with {@link Runtime#halt} and exit status
     * {@value #HALT_STATUS}, before the corrupted state spreads.
     */
    HALT;

    /** The exit status of the {@link #HALT} policy (EX_SOFTWARE). */
    public static final int HALT_STATUS = 70;

    /**
     * Parses "log", "throw" or "halt", in any case.
     *
     * @throws IllegalArgumentException naming the value if it is none of them
     */
    public static Policy parse(String s) {
        for (Policy p : values()) {
            if (p.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("policy: " + s + " (expected: log, throw or halt)");
    }
}
