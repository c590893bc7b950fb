package org.uma4j.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Splits a benchmark whose measurement iterations alternate between two configurations in one
 * fork into two {@link Ratios.Result}s, {@code <name>Off} (odd iterations, counted from 1) and
 * {@code <name>On} (even ones), each with its own median per fork. {@link Ratios} splits every
 * benchmark whose method name ends in {@value #SUFFIX}, as
 * {@link Uma4jZoneJfrBenchmark#jfrAlternated} (the recording in even iterations only). Both keep
 * the fork's round, so a figure over them is paired fork by fork: the two sides ran the same
 * compiled code in the same JVM.
 *
 * <p>Threading: stateless.
 */
final class Alternated {

    /** The method-name ending that marks a benchmark as alternated. */
    static final String SUFFIX = "Alternated";

    private Alternated() {
    }

    /** True if {@code name} ({@code Class.method}) is an alternated benchmark's. */
    static boolean isAlternated(String name) {
        return name.endsWith(SUFFIX);
    }

    /**
     * The two sides of one JMH result {@code n}: CPU time per iteration when measured, else wall
     * time, and the B/op of the whole run on both. A fork with an odd number of iterations
     * leaves its last one out, so each fork gives both sides the same number of iterations.
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
        return sides;
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
