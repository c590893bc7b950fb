package org.uma4j.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Splits a benchmark whose measurement iterations alternate between two configurations in one
 * fork into {@link Ratios.Result}s: {@code <name>Off} (odd iterations, counted from 1) and
 * {@code <name>On} (even ones), each with its own median per fork, for the tables; and
 * {@code <name>Ratio}, the figure, whose value per fork is that fork's On ÷ Off ratio from
 * adjacent iterations ({@link #localRatios}). {@link Ratios} splits every benchmark whose method
 * name ends in {@value #SUFFIX}, as {@link Uma4jZoneJfrBenchmark#jfrAlternated} (the recording in
 * even iterations only). All three keep the fork's round.
 *
 * <p>Why a ratio per fork, not a ratio of the sides' medians: forks of the same code land 1-3 ns
 * apart, and spells of load on this machine last seconds to minutes. Each fork's ratio cancels
 * its own level, and a ratio of neighbouring iterations cancels a spell except in the one or two
 * iterations where it begins or ends, which the fork's median of its ratios then passes over.
 * The sides' medians do neither: a spell that covers three of one side's five iterations and
 * two of the other's moves the fork's ratio by the whole spell.
 *
 * <p>Threading: stateless.
 */
final class Alternated {

    /** The method-name ending that marks a benchmark as alternated. */
    static final String SUFFIX = "Alternated";
    /** Appended to the benchmark's name for its per-fork ratios. */
    static final String RATIO = "Ratio";

    private Alternated() {
    }

    /** True if {@code name} ({@code Class.method}) is an alternated benchmark's. */
    static boolean isAlternated(String name) {
        return name.endsWith(SUFFIX);
    }

    /** True if {@code name} is the per-fork ratios of an alternated benchmark (values near 1, not times). */
    static boolean isRatio(String name) {
        return name.endsWith(SUFFIX + RATIO);
    }

    /**
     * The two sides of one JMH result {@code n} and their ratios: CPU time per iteration when
     * measured, else wall time, and the B/op of the whole run on both sides. A fork with an odd
     * number of iterations leaves its last one out, so each fork gives both sides the same number
     * of iterations.
     */
    static List<Ratios.Result> split(String name, Map<String, String> params, String jdk, JsonNode n,
                                     boolean median, int round) {
        JsonNode wallRaw = n.path("primaryMetric").path("rawData");
        JsonNode cpuRaw = n.path("secondaryMetrics").path("cpu.time.norm").path("rawData");
        boolean cpuMeasured = cpuRaw.isArray() && cpuRaw.size() > 0;
        JsonNode gc = n.path("secondaryMetrics").path("gc.alloc.rate.norm");
        double bytes = gc.isMissingNode() ? Double.NaN : Ratios.Result.stat(gc, median); // NaN without -prof gc, as read() gives
        List<Ratios.Result> sides = new ArrayList<>();
        for (int parity = 1; parity >= 0; parity--) { // iteration 1 (index 0) is without: Off first
            List<List<Double>> wallForks = perFork(wallRaw, parity);
            List<List<Double>> cpuForks = cpuMeasured ? perFork(cpuRaw, parity) : List.of();
            List<Double> forks = (cpuMeasured ? cpuForks : wallForks).stream()
                    .filter(v -> !v.isEmpty()).map(v -> Ratios.Result.center(v, true)).toList();
            sides.add(Ratios.Result.ofSamples(name + (parity == 1 ? "Off" : "On"), params, jdk, flat(wallForks),
                    flat(cpuForks), bytes, Map.of("gc.alloc.rate.norm", bytes), forks,
                    Collections.nCopies(forks.size(), round), median));
        }
        List<Double> ratios = localRatios(cpuMeasured ? cpuRaw : wallRaw);
        sides.add(Ratios.Result.ofSamples(name + RATIO, params, jdk, List.of(), ratios, Double.NaN, Map.of(), ratios,
                Collections.nCopies(ratios.size(), round), median));
        return sides;
    }

    /**
     * Each fork's On ÷ Off ratio from adjacent iterations: every even iteration over the mean of
     * the odd ones before and after it (the one before alone for the last pair), then the median
     * of those ratios in the fork. An unpaired last iteration is left out, as in the sides.
     */
    static List<Double> localRatios(JsonNode raw) {
        List<Double> ratios = new ArrayList<>();
        for (JsonNode fork : raw) {
            int n = fork.size() / 2 * 2;
            List<Double> r = new ArrayList<>();
            for (int i = 1; i < n; i += 2) {
                double before = fork.get(i - 1).asDouble();
                double off = i + 1 < n ? (before + fork.get(i + 1).asDouble()) / 2 : before;
                r.add(fork.get(i).asDouble() / off);
            }
            if (!r.isEmpty()) {
                ratios.add(Ratios.Result.center(r, true));
            }
        }
        return ratios;
    }

    private static List<Double> flat(List<List<Double>> forks) {
        return forks.stream().flatMap(List::stream).toList();
    }

    /** Each fork's odd ({@code parity} 1) or even (0) iterations, counted from 1; an unpaired last one is left out. */
    private static List<List<Double>> perFork(JsonNode raw, int parity) {
        List<List<Double>> forks = new ArrayList<>();
        for (JsonNode fork : raw) {
            List<Double> v = new ArrayList<>();
            for (int i = 0; i < fork.size() / 2 * 2; i++) {
                if ((i + 1) % 2 == parity) {
                    v.add(fork.get(i).asDouble());
                }
            }
            forks.add(v);
        }
        return forks;
    }
}
