package org.uma4j.agent.account;

/**
 * Power-of-two size classes: class 0 holds empty buffers, class {@code k >= 1} holds sizes in
 * {@code (2^(k-2), 2^(k-1)]}, so its zone is named after its upper bound {@code 2^(k-1)}.
 */
public final class SizeClass {

    /** Number of classes: 0 plus one per power of two up to 2^31. */
    public static final int COUNT = 33;

    private SizeClass() {
    }

    /**
     * Returns the class of a size.
     *
     * @param size a non-negative byte count
     * @return the class index in {@code [0, COUNT)}
     */
    public static int of(int size) {
        if (size <= 0) {
            return 0;
        }
        // ceil(log2(size)) + 1; size 1 is class 1.
        return 33 - Integer.numberOfLeadingZeros(size - 1);
    }

    /**
     * Returns the upper bound of a class, the size in its zone name.
     *
     * @param index a class index
     * @return its largest size in bytes
     */
    public static long upperBound(int index) {
        return index == 0 ? 0 : 1L << (index - 1);
    }
}
