package org.uma4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The figure intervals {@link Ratios} prints, on made-up fork medians. */
class ForkBootstrapTest {

    private static final List<Double> TIGHT_10 = List.of(10.0, 10.1, 9.9, 10.05, 9.95, 10.0, 10.1, 9.9);
    private static final List<Double> TIGHT_13 = List.of(13.0, 13.1, 12.9, 13.05, 12.95, 13.0, 13.1, 12.9);

    private static double[] ratio(List<Double> a, List<Double> b) {
        return ForkBootstrap.interval(List.of(a, b), m -> m[0] / m[1]);
    }

    @Test
    void tightForksGiveANarrowIntervalAroundTheRatio() {
        double[] ci = ratio(TIGHT_13, TIGHT_10);
        assertTrue(ci[0] <= 1.3 && 1.3 <= ci[1], "holds the ratio of the medians: " + ci[0] + "-" + ci[1]);
        assertTrue(ci[1] - ci[0] < 0.05, "narrow: " + ci[0] + "-" + ci[1]);
        assertTrue(ForkBootstrap.line("f", ci, "<=", 1.2, "8 + 8").endsWith("resolved miss"));
        assertTrue(ForkBootstrap.line("f", ci, "<=", 1.5, "8 + 8").endsWith("resolved pass"));
        assertTrue(ForkBootstrap.line("f", ci, ">=", 1.2, "8 + 8").endsWith("resolved pass"));
        assertTrue(ForkBootstrap.line("f", ci, ">=", 1.5, "8 + 8").endsWith("resolved miss"));
    }

    @Test
    void forksInTwoModesLeaveACloseTargetUnresolved() {
        // The agent pair's shape: each side's forks fall in a fast and a slow mode.
        List<Double> plain = List.of(64.0, 88.0, 66.0, 95.0, 65.0, 90.0, 63.0, 91.0);
        List<Double> agent = List.of(73.0, 72.0, 88.0, 74.0, 76.0, 84.0, 73.0, 89.0);
        double[] ci = ratio(agent, plain);
        assertTrue(ci[0] < 1.03 && 1.03 < ci[1], "wide: " + ci[0] + "-" + ci[1]);
        String line = ForkBootstrap.line("agent-account-vs-none", ci, "<=", 1.03, "8 + 8");
        assertTrue(line.startsWith("# interval agent-account-vs-none "), line);
        assertTrue(line.endsWith("not resolved (the interval holds the target)"), line);
    }

    @Test
    void aFigureOfThreeSidesResamplesEach() {
        // trash: (on - off) / floor = (30 - 10) / 10 = 2
        double[] ci = ForkBootstrap.interval(List.of(List.of(30.0, 30.2, 29.8), List.of(10.0, 10.1, 9.9), TIGHT_10.subList(0, 3)),
                m -> (m[0] - m[1]) / m[2]);
        assertTrue(ci[0] <= 2.0 && 2.0 <= ci[1] && ci[1] - ci[0] < 0.1, ci[0] + "-" + ci[1]);
    }

    @Test
    void fewerThanThreeForksOnASideGiveNoInterval() {
        assertNull(ratio(TIGHT_13, List.of(10.0, 10.1)));
        assertNull(ratio(List.of(13.0), TIGHT_10));
    }

    @Test
    void theSameResultsPrintTheSameInterval() {
        List<Double> a = List.of(70.0, 90.0, 72.0, 85.0);
        List<Double> b = List.of(64.0, 88.0, 66.0, 95.0);
        assertArrayEquals(ratio(a, b), ratio(a, b));
        assertEquals(ForkBootstrap.line("f", ratio(a, b), "<=", 1.03, "4 + 4"),
                ForkBootstrap.line("f", ratio(a, b), "<=", 1.03, "4 + 4"));
    }
}
