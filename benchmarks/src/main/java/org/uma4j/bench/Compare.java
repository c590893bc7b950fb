package org.uma4j.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reports a before/after comparison of the same benchmarks: {@code benchmarks/compare.sh} runs
 * them with a jar built at an earlier revision and with the working tree's jar, one fork per side
 * per round, the sides in turns, and this prints, per benchmark and parameters, each side's
 * median CPU time per op, the ratio after ÷ before with its 95 % interval (a bootstrap over the
 * rounds, paired: a slow spell of the machine moves both forks of a round), and in how many
 * rounds the after fork was the faster.
 *
 * <p>Usage: {@code Compare BEFORE.json... -- AFTER.json...}, one file per round on each side, in
 * round order.
 *
 * <p>Threading: a command-line tool, one thread.
 */
public final class Compare {

    private Compare() {
    }

    /** One benchmark's forks on both sides, by round. */
    record Row(String key, List<Double> before, List<Double> after) {
    }

    /** Runs the tool; see the class comment. */
    public static void main(String[] args) throws IOException {
        int sep = List.of(args).indexOf("--");
        if (sep < 1 || sep == args.length - 1 || sep != args.length - 1 - sep) {
            System.err.println("usage: Compare BEFORE.json... -- AFTER.json... (expected: one file per round on each side,"
                    + " as many after as before)");
            System.exit(2);
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int i = 0; i < sep; i++) {
            add(rows, Ratios.Result.read(new File(args[i]), true, i), true);
            add(rows, Ratios.Result.read(new File(args[sep + 1 + i]), true, i), false);
        }
        print(rows.values(), sep, System.out);
    }

    private static void add(Map<String, Row> rows, List<Ratios.Result> results, boolean before) {
        for (Ratios.Result r : results) {
            if (Double.isNaN(r.cpu())) {
                throw new IllegalArgumentException(r.name() + ": no CPU time (expected: a run with -prof "
                        + CpuTimeProfiler.class.getName() + ")");
            }
            String key = r.name() + (r.params().isEmpty() ? "" : " " + r.params());
            Row row = rows.computeIfAbsent(key, k -> new Row(k, new ArrayList<>(), new ArrayList<>()));
            (before ? row.before() : row.after()).add(r.cpu());
        }
    }

    /** Prints one line per benchmark: medians, ratio, interval, rounds the after side won. */
    static void print(Iterable<Row> rows, int rounds, PrintStream out) {
        out.printf(Locale.ROOT, "%-60s %9s %9s %7s  %-13s %s%n", "benchmark (CPU ns/op, medians of the rounds' forks)",
                "before", "after", "ratio", "95 % interval", "after faster");
        for (Row row : rows) {
            int n = Math.min(row.before().size(), row.after().size());
            if (n < rounds) {
                out.printf(Locale.ROOT, "%-60s measured in %d of %d rounds on one side: not compared%n", row.key(), n, rounds);
                continue;
            }
            double b = Ratios.Result.center(row.before(), true);
            double a = Ratios.Result.center(row.after(), true);
            int won = 0;
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                won += row.after().get(i) < row.before().get(i) ? 1 : 0;
                order.add(i);
            }
            double[] ci = ForkBootstrap.interval(List.of(row.before(), row.after()), List.of(order, order), m -> m[1] / m[0]);
            String interval = ci == null ? "(too few)" : String.format(Locale.ROOT, "%.3f-%.3f", ci[0], ci[1]);
            out.printf(Locale.ROOT, "%-60s %9.2f %9.2f %7.3f  %-13s %d of %d%n", row.key(), b, a, a / b, interval, won, n);
        }
    }
}
