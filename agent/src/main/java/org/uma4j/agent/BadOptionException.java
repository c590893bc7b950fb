package org.uma4j.agent;

/**
 * A configuration value the agent does not accept. The message is the single line printed to
 * standard error, for example {@code uma4j: bad option 'debug=loud' (expected: off|basic|full)}.
 */
public final class BadOptionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String option; // the offending "key=value" as given
    private final String expected; // what would have been accepted

    /**
     * Creates the exception.
     *
     * @param option the offending entry, as {@code key=value}
     * @param expected the accepted keys or values
     */
    public BadOptionException(String option, String expected) {
        super("uma4j: bad option '" + option + "' (expected: " + expected + ")");
        this.option = option;
        this.expected = expected;
    }

    /** @return the offending entry, as {@code key=value} */
    public String option() {
        return option;
    }

    /** @return the accepted keys or values */
    public String expected() {
        return expected;
    }
}
