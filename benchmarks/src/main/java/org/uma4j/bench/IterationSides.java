package org.uma4j.bench;

import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Which side an alternated benchmark's next iteration runs: iterations are counted from 1,
 * warm-up and measurement apart; odd ones run the "off" side and even ones the "on" side, as
 * {@link Alternated} splits the measurement iterations afterwards.
 *
 * <p>Threading: owned by one JMH thread's state, called from its iteration set-up.
 */
final class IterationSides {
    private int warmups;  // warm-up iterations begun
    private int measured; // measurement iterations begun

    /** Counts the iteration about to begin; true if it is an even one, the "on" side. */
    boolean beginEven(IterationParams p) {
        int n = p.getType() == IterationType.WARMUP ? ++warmups : ++measured;
        return n % 2 == 0;
    }
}
