package org.uma4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
        assertTrue(ForkBootstrap.line("f", ci, "<=", 1.2, "forks resampled: 8 + 8").endsWith("resolved miss"));
        assertTrue(ForkBootstrap.line("f", ci, "<=", 1.5, "forks resampled: 8 + 8").endsWith("resolved pass"));
        assertTrue(ForkBootstrap.line("f", ci, ">=", 1.2, "forks resampled: 8 + 8").endsWith("resolved pass"));
        assertTrue(ForkBootstrap.line("f", ci, ">=", 1.5, "forks resampled: 8 + 8").endsWith("resolved miss"));
    }

    @Test
    void forksInTwoModesLeaveACloseTargetUnresolved() {
        // The agent pair's shape: each side's forks fall in a fast and a slow mode.
        List<Double> plain = List.of(64.0, 88.0, 66.0, 95.0, 65.0, 90.0, 63.0, 91.0);
        List<Double> agent = List.of(73.0, 72.0, 88.0, 74.0, 76.0, 84.0, 73.0, 89.0);
        double[] ci = ratio(agent, plain);
        assertTrue(ci[0] < 1.03 && 1.03 < ci[1], "wide: " + ci[0] + "-" + ci[1]);
        String line = ForkBootstrap.line("agent-account-vs-none", ci, "<=", 1.03, "forks resampled: 8 + 8");
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
        assertEquals(ForkBootstrap.line("f", ratio(a, b), "<=", 1.03, "forks resampled: 4 + 4"),
                ForkBootstrap.line("f", ratio(a, b), "<=", 1.03, "forks resampled: 4 + 4"));
    }

    @Test
    void pairedRoundsCancelASpellOfLoadThatSlowsEverySide() {
        // Each round's load scales both sides alike: 13 and 10 ns times the round's factor.
        double[] load = {1.0, 1.3, 0.9, 1.5, 1.1, 1.2};
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        List<Integer> rounds = new ArrayList<>();
        for (int r = 0; r < load.length; r++) {
            a.add(13 * load[r]);
            b.add(10 * load[r]);
            rounds.add(r);
        }
        double[] paired = ForkBootstrap.interval(List.of(a, b), List.of(rounds, rounds), m -> m[0] / m[1]);
        assertTrue(paired[0] > 1.299 && paired[1] < 1.301, "paired: " + paired[0] + "-" + paired[1]);
        double[] unpaired = ratio(a, b);
        assertTrue(unpaired[1] - unpaired[0] > 0.2, "unpaired: " + unpaired[0] + "-" + unpaired[1]);
    }

    @Test
    void forksArePairedOnlyWhenEverySideRanOnceInTheSameRounds() {
        List<Double> four = List.of(1.0, 2.0, 3.0, 4.0);
        List<List<Double>> sides = List.of(four, four);
        assertTrue(ForkBootstrap.paired(sides, List.of(List.of(0, 1, 2, 3), List.of(0, 1, 2, 3))));
        assertFalse(ForkBootstrap.paired(sides, null));
        assertFalse(ForkBootstrap.paired(sides, List.of(List.of(0, 1, 2, 3), List.of(0, 1, 2, 4))), "other rounds");
        assertFalse(ForkBootstrap.paired(sides, List.of(List.of(0, 0, 0, 0), List.of(0, 0, 0, 0))), "one file, four forks");
        assertFalse(ForkBootstrap.paired(sides, List.of(List.of(), List.of())), "no rounds");
        assertFalse(ForkBootstrap.paired(List.of(four, List.of(1.0, 2.0, 3.0)),
                List.of(List.of(0, 1, 2, 3), List.of(0, 1, 2))), "a side missed a round");
    }
}
