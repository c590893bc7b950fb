package org.uma4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.options.TimeValue;

/** The alternated benchmarks' sides must match the split {@link Alternated} makes of the measurement iterations. */
class IterationSidesTest {

    private static IterationParams params(IterationType type) {
        return new IterationParams(type, 4, TimeValue.seconds(1), 1);
    }

    @Test
    void warmupAndMeasurementAreCountedApartEachFromOne() {
        IterationSides sides = new IterationSides();
        List<Boolean> even = new ArrayList<>();
        // Three warm-up iterations: an odd count, so measurement must not carry its parity on.
        for (int i = 0; i < 3; i++) {
            even.add(sides.beginEven(params(IterationType.WARMUP)));
        }
        for (int i = 0; i < 4; i++) {
            even.add(sides.beginEven(params(IterationType.MEASUREMENT)));
        }
        assertEquals(List.of(false, true, false, false, true, false, true), even);
    }
}
