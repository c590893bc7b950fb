package org.uma4j.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * How sure a figure is: a 95 % interval from resampling its benchmarks' forks (a percentile
 * bootstrap). Each round draws, for every side of the figure, as many forks as it has with
 * replacement, takes the median of the drawn forks' medians, and computes the figure from those
 * medians; the interval is the 2.5th and 97.5th percentile of the rounds.
 *
 * <p>Why forks: on a shared machine a fork's median moves with the load while it ran and with
 * its JIT and memory layout, so forks, not iterations, are the independent samples; a pair
 * whose forks fall in two modes (the agent pair) gets a wide interval, and a figure is resolved
 * only when the whole interval lies on one side of its target. The seed is fixed: the same
 * results print the same interval.
 *
 * <p>Paired rounds: when every side ran exactly one fork in each of the same rounds (run.sh runs
 * the close pairs as rounds of one fork per benchmark, so the sides of a figure run minutes
 * apart at most), a bootstrap round draws rounds, not forks, and takes the same rounds for every
 * side. A spell of load that slows every side of one round then moves the figure less than it
 * moves each side, and the interval shows it.
 *
 * <p>Threading: stateless; called by the single-threaded {@link Ratios}.
 */
final class ForkBootstrap {

    /** Fewer forks than this on any side: no interval (the main pass runs one fork). */
    static final int MIN_FORKS = 3;

    private static final int ROUNDS = 4000;
    private static final long SEED = 0x5eed_0009L;

    private ForkBootstrap() {
    }

    /**
     * Returns the interval of a figure, or null when a side has fewer than {@link #MIN_FORKS} forks.
     *
     * @param sides each side's fork medians, in the order {@code figure} reads them
     * @param figure the figure from one median per side
     * @return {@code {low, high}}
     */
    static double[] interval(List<List<Double>> sides, ToDoubleFunction<double[]> figure) {
        return interval(sides, null, figure);
    }

    /**
     * As {@link #interval(List, ToDoubleFunction)}, resampling paired rounds when {@link #paired}
     * holds for {@code rounds}.
     *
     * @param rounds each side's round of each fork, in the order of its fork medians; null for none
     */
    static double[] interval(List<List<Double>> sides, List<List<Integer>> rounds, ToDoubleFunction<double[]> figure) {
        for (List<Double> s : sides) {
            if (s.size() < MIN_FORKS) {
                return null;
            }
        }
        boolean paired = paired(sides, rounds);
        SplittableRandom rnd = new SplittableRandom(SEED);
        double[] figures = new double[ROUNDS];
        double[] medians = new double[sides.size()];
        int[] draw = null;
        for (int r = 0; r < ROUNDS; r++) {
            for (int s = 0; s < medians.length; s++) {
                List<Double> forks = sides.get(s);
                if (!paired || s == 0) {
                    draw = draw(forks.size(), rnd); // paired: side 0's draw serves every side
                }
                medians[s] = drawnMedian(forks, draw);
            }
            figures[r] = figure.applyAsDouble(medians);
        }
        Arrays.sort(figures);
        return new double[] {figures[(int) (ROUNDS * 0.025)], figures[(int) (ROUNDS * 0.975) - 1]};
    }

    /**
     * True when every side has one fork per round, in the same rounds and order: the forks at
     * one index ran in one round.
     */
    static boolean paired(List<List<Double>> sides, List<List<Integer>> rounds) {
        if (rounds == null || rounds.size() != sides.size()) {
            return false;
        }
        List<Integer> first = rounds.get(0);
        if (first.size() != sides.get(0).size() || first.stream().distinct().count() != first.size()) {
            return false;
        }
        for (int s = 1; s < sides.size(); s++) {
            if (!rounds.get(s).equals(first) || sides.get(s).size() != first.size()) {
                return false;
            }
        }
        return true;
    }

    /**
     * What {@link #interval} resampled, for the interval line: {@code rounds resampled, paired: 4}
     * or {@code forks resampled: 4 + 4} (each side's fork count).
     */
    static String resampled(List<List<Double>> sides, List<List<Integer>> rounds) {
        if (paired(sides, rounds)) {
            return "rounds resampled, paired: " + sides.get(0).size();
        }
        return "forks resampled: " + sides.stream().map(f -> String.valueOf(f.size())).collect(Collectors.joining(" + "));
    }

    /** {@code n} indices in {@code [0, n)}, drawn with replacement. */
    private static int[] draw(int n, SplittableRandom rnd) {
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
            d[i] = rnd.nextInt(n);
        }
        return d;
    }

    private static double drawnMedian(List<Double> forks, int[] draw) {
        double[] d = new double[draw.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = forks.get(draw[i]);
        }
        Arrays.sort(d);
        int n = d.length;
        return n % 2 == 1 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2;
    }

    /**
     * The comment line for a figure's interval.
     *
     * @param id the figure
     * @param ci its interval, from {@link #interval}
     * @param cmp {@code <=} or {@code >=}
     * @param target the target
     * @param resampled what was resampled, from {@link #resampled}
     * @return {@code # interval <figure> <low>-<high> (...): resolved pass|resolved miss|not resolved}
     */
    static String line(String id, double[] ci, String cmp, double target, String resampled) {
        boolean le = cmp.equals("<=");
        String verdict = (le ? ci[1] <= target : ci[0] >= target) ? "resolved pass"
                : (le ? ci[0] > target : ci[1] < target) ? "resolved miss"
                : "not resolved (the interval holds the target)";
        return String.format(Locale.ROOT, "# interval %s %.3f-%.3f (95 %%, %s): %s",
                id, ci[0], ci[1], resampled, verdict);
    }
}
