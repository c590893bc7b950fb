package org.uma4j.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

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
        for (List<Double> s : sides) {
            if (s.size() < MIN_FORKS) {
                return null;
            }
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        double[] rounds = new double[ROUNDS];
        double[] medians = new double[sides.size()];
        for (int r = 0; r < ROUNDS; r++) {
            for (int s = 0; s < medians.length; s++) {
                medians[s] = resampledMedian(sides.get(s), rnd);
            }
            rounds[r] = figure.applyAsDouble(medians);
        }
        Arrays.sort(rounds);
        return new double[] {rounds[(int) (ROUNDS * 0.025)], rounds[(int) (ROUNDS * 0.975) - 1]};
    }

    private static double resampledMedian(List<Double> forks, SplittableRandom rnd) {
        double[] d = new double[forks.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = forks.get(rnd.nextInt(d.length));
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
     * @param forks the fork counts of its sides, for the reader
     * @return {@code # interval <figure> <low>-<high> (...): resolved pass|resolved miss|not resolved}
     */
    static String line(String id, double[] ci, String cmp, double target, String forks) {
        boolean le = cmp.equals("<=");
        String verdict = (le ? ci[1] <= target : ci[0] >= target) ? "resolved pass"
                : (le ? ci[0] > target : ci[1] < target) ? "resolved miss"
                : "not resolved (the interval holds the target)";
        return String.format(Locale.ROOT, "# interval %s %.3f-%.3f (95 %%, forks resampled: %s): %s",
                id, ci[0], ci[1], forks, verdict);
    }
}
