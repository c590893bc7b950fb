package org.uma4j.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads JMH {@code -rf json} results (one file; {@code run.sh}'s main pass and its rounds of the
 * close pairs, one file per round; or the turns of {@code alternate.sh}) and prints the ratio
 * table, then one line per figure of issue 9 whose benchmarks are in the results:
 * <pre>
 * ratio &lt;figure&gt; &lt;measured&gt; &lt;target&gt; &lt;pass|miss&gt;
 * </pre>
 * The target carries its comparison ({@code <=0.25}, {@code >=2}). Figures whose benchmarks are
 * missing are listed on {@code # not measured:} lines instead. A time figure whose benchmarks ran
 * in several forks (the close pairs, alternated turns) is followed by its 95 % interval over the
 * forks, {@code # interval <figure> <low>-<high> (...): resolved pass|resolved miss|not resolved}
 * ({@link ForkBootstrap}): the verdict of the line above is the point estimate's. Files are
 * numbered in the order given; when each side of a figure ran one fork in each of the same
 * files (run.sh's rounds), the interval resamples those rounds paired.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.uma4j.bench.Ratios result.json... [--stat cpu|median|mean]
 * [--fail-on-miss]}. The statistic the time ratios use:
 * <ul>
 *   <li>{@code cpu} (default): the median over the measurement iterations of
 *       {@code cpu.time.norm} from {@link CpuTimeProfiler}, CPU time per operation; falls back to
 *       the wall-clock median for a benchmark measured without it. On a shared 2-core machine
 *       foreign load stretches wall time far more than CPU time;
 *   <li>{@code median}: the median wall-clock iteration; a burst of foreign load moves it less
 *       than the mean;
 *   <li>{@code mean}: JMH's own score.
 * </ul>
 * Producer/consumer throughput is always wall-clock (its waiting side spins). With
 * {@code --fail-on-miss} the exit status is 1 when any printed figure misses its target.
 *
 * <p>Threading: a command-line tool, single-threaded.
 */
public final class Ratios {

    static final int[] SIZES = {256, 2048, 16384};

    /** Below this many bytes per operation an alloc + free counts as allocation-free (JMH's own
     *  bookkeeping shows as about 1e-4 B/op; one 16-byte object every 160 operations is 0.1). */
    static final double ZERO_BYTES = 0.1;

    static final String BYTE_BUFFER = "ByteBufferAllocateBenchmark.allocFree";
    static final String NETTY = "NettyPooledBenchmark.defaults";
    static final String NETTY_ALL = "NettyPooledBenchmark.cacheForAllThreads";
    static final String JETTY = "JettyArrayByteBufferPoolBenchmark.allocFree";
    static final String FILL = "FillAndMismatchBenchmark.fillAndMismatch";
    static final String UMA = "Uma4jZoneBenchmark.allocFree";
    static final String UMA_SPI_NONE = "Uma4jZoneSpiBenchmark.none";
    static final String UMA_SPI = "Uma4jZoneSpiBenchmark.emptySpis";
    static final String UMA_REFCOUNT = "Uma4jRefcountBenchmark.allocRelease";
    static final String PACKET = "Uma4jPacketBenchmark.getclFreem";
    static final String TRASH = "Uma4jDebugBenchmark.trash";
    static final String TRASH_SWITCHED_OFF = "Uma4jDebugBenchmark.trashSwitchedOff";
    static final String LEAK_SCOPE = "Uma4jDebugBenchmark.leakScope";
    static final String THREAD_SCOPE = "Uma4jDebugBenchmark.threadScope";
    static final String BOOKKEEPING = "Uma4jDebugBenchmark.bookkeeping";
    static final String DEBUG_OFF = "Uma4jDebugBenchmark.off";
    static final String HANDOFF = "ProducerConsumerBenchmark.handoff";
    static final String LOOP_OFF = "TrashLoopBenchmark.off";
    static final String LOOP_TRASH = "TrashLoopBenchmark.trash";

    /** Which number of a result the time ratios use; see the class comment. */
    enum Stat { CPU, MEDIAN, MEAN }

    private final List<Result> results;
    private final Stat stat;
    private final PrintStream out;
    private int misses;

    Ratios(List<Result> results, Stat stat, PrintStream out) {
        this.results = results;
        this.stat = stat;
        this.out = out;
    }

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        List<String> files = new ArrayList<>();
        boolean failOnMiss = false;
        Stat stat = Stat.CPU;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--fail-on-miss")) {
                failOnMiss = true;
            } else if (args[i].equals("--stat") && i + 1 < args.length
                    && List.of("cpu", "median", "mean").contains(args[i + 1])) {
                stat = Stat.valueOf(args[++i].toUpperCase(Locale.ROOT));
            } else if (!args[i].startsWith("-")) {
                files.add(args[i]);
            } else {
                System.err.println("Ratios: argument: " + args[i]
                        + " (expected: <jmh-result.json>... [--stat cpu|median|mean] [--fail-on-miss])");
                System.exit(2);
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: Ratios <jmh-result.json>... [--stat cpu|median|mean] [--fail-on-miss]");
            System.exit(2);
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            results.addAll(Result.read(new File(files.get(i)), stat != Stat.MEAN, i));
        }
        Ratios r = new Ratios(Result.pool(results, stat != Stat.MEAN), stat, System.out);
        r.printTable();
        r.printFigures();
        if (failOnMiss && r.misses > 0) {
            System.exit(1);
        }
    }

    /**
     * One benchmark (one parameter combination) from JMH's JSON. {@code wall}, {@code cpu} and the
     * {@code secondary} scores are medians of the measurement iterations of all forks, or JMH's
     * means; {@code error} is JMH's 99.9% error of the mean; {@code cpu} is NaN when the run had
     * no {@link CpuTimeProfiler}.
     */
    record Result(String name, Map<String, String> params, String jdk, double wall, double error,
                  double min, double max, double cpu, double bytesPerOp, Map<String, Double> secondary,
                  List<Double> forkMedians, List<Double> wallSamples, List<Double> cpuSamples,
                  List<Integer> forkRounds) {

        /**
         * Pools the results of one benchmark and parameters read from several files (the turns of
         * an alternated run) into one: medians (or means) over all their iterations, every fork's
         * median, the mean of their B/op. Results that occur once are kept as read; order is kept.
         */
        static List<Result> pool(List<Result> read, boolean median) {
            Map<String, List<Result>> byKey = new LinkedHashMap<>();
            for (Result r : read) {
                byKey.computeIfAbsent(r.name + r.params, k -> new ArrayList<>()).add(r);
            }
            List<Result> pooled = new ArrayList<>();
            for (List<Result> same : byKey.values()) {
                if (same.size() == 1) {
                    pooled.add(same.get(0));
                    continue;
                }
                List<Double> wall = new ArrayList<>();
                List<Double> cpu = new ArrayList<>();
                List<Double> forks = new ArrayList<>();
                List<Integer> rounds = new ArrayList<>();
                double bytes = 0;
                for (Result r : same) {
                    wall.addAll(r.wallSamples);
                    cpu.addAll(r.cpuSamples);
                    forks.addAll(r.forkMedians);
                    rounds.addAll(r.forkRounds);
                    bytes += r.bytesPerOp / same.size();
                }
                Result f = same.get(0);
                pooled.add(ofSamples(f.name, f.params, f.jdk, wall, cpu, bytes, f.secondary, forks, rounds, median));
            }
            return pooled;
        }

        /**
         * A result made from iteration samples rather than read as JMH summarised them: the
         * medians (or means) of {@code wall} and {@code cpu} (NaN when empty), the wall range,
         * and {@code secondary} with {@code cpu.time.norm} set to that CPU statistic.
         */
        static Result ofSamples(String name, Map<String, String> params, String jdk, List<Double> wall,
                                List<Double> cpu, double bytes, Map<String, Double> secondary, List<Double> forks,
                                List<Integer> rounds, boolean median) {
            double cpuStat = cpu.isEmpty() ? Double.NaN : center(cpu, median);
            Map<String, Double> sec = new TreeMap<>(secondary);
            sec.put("cpu.time.norm", cpuStat);
            return new Result(name, params, jdk, wall.isEmpty() ? Double.NaN : center(wall, median), Double.NaN,
                    wall.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                    wall.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), cpuStat, bytes,
                    sec, forks, wall, cpu, rounds);
        }

        /** The median (or mean) of {@code values}, which must not be empty. */
        static double center(List<Double> values, boolean median) {
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            if (!median) {
                return Arrays.stream(v).average().orElse(Double.NaN);
            }
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }

        /** Every measurement iteration of every fork, in order. */
        static List<Double> samples(JsonNode raw) {
            List<Double> all = new ArrayList<>();
            for (JsonNode fork : raw) {
                for (JsonNode v : fork) {
                    all.add(v.asDouble());
                }
            }
            return all;
        }

        static double stat(JsonNode metric, boolean median) {
            JsonNode p50 = metric.path("scorePercentiles").path("50.0");
            return median && p50.isNumber() ? p50.asDouble() : metric.path("score").asDouble();
        }

        /** The median of each fork's measurement iterations: CPU time when measured, else wall time. */
        static List<Double> forkMedians(JsonNode cpuRaw, JsonNode wallRaw) {
            JsonNode raw = cpuRaw.isArray() && cpuRaw.size() > 0 ? cpuRaw : wallRaw;
            List<Double> medians = new ArrayList<>();
            for (JsonNode fork : raw) {
                double[] v = new double[fork.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = fork.get(i).asDouble();
                }
                Arrays.sort(v);
                if (v.length > 0) {
                    medians.add(v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
                }
            }
            return medians;
        }

        /**
         * Reads one JMH JSON file; every fork in it is marked as run in {@code round}, the file's
         * place among the files read (run.sh's rounds of the close pairs are one file each).
         */
        static List<Result> read(File file, boolean median, int round) throws IOException {
            JsonNode root = new ObjectMapper().readTree(file);
            if (!root.isArray()) {
                throw new IOException(file + ": not a JMH JSON result (expected: an array)");
            }
            List<Result> list = new ArrayList<>();
            for (JsonNode n : root) {
                String[] parts = n.path("benchmark").asText().split("\\.");
                String name = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : parts[0];
                Map<String, String> params = new TreeMap<>();
                n.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
                JsonNode pm = n.path("primaryMetric");
                Map<String, Double> secondary = new TreeMap<>();
                n.path("secondaryMetrics").fields().forEachRemaining(
                        e -> secondary.put(e.getKey(), stat(e.getValue(), median)));
                String jdk = n.path("jdkVersion").asText() + " (" + n.path("vmName").asText() + " "
                        + n.path("vmVersion").asText() + ")";
                if (Alternated.isAlternated(name)) {
                    list.addAll(Alternated.split(name, params, jdk, n, median, round));
                    continue;
                }
                JsonNode pct = pm.path("scorePercentiles");
                list.add(new Result(name, params, jdk, stat(pm, median), pm.path("scoreError").asDouble(Double.NaN),
                        pct.path("0.0").asDouble(Double.NaN), pct.path("100.0").asDouble(Double.NaN),
                        secondary.getOrDefault("cpu.time.norm", Double.NaN),
                        secondary.getOrDefault("gc.alloc.rate.norm", Double.NaN), secondary,
                        forkMedians(n.path("secondaryMetrics").path("cpu.time.norm").path("rawData"),
                                pm.path("rawData")),
                        samples(pm.path("rawData")), samples(n.path("secondaryMetrics").path("cpu.time.norm").path("rawData")),
                        Collections.nCopies(pm.path("rawData").size(), round)));
            }
            return list;
        }
    }

    /** The time the ratios use: CPU time per operation when asked for and measured, else wall time. */
    double time(Result r) {
        return stat == Stat.CPU && !Double.isNaN(r.cpu) ? r.cpu : r.wall;
    }

    /** The result of {@code name} at {@code size} (and the extra key=value pairs), or null. */
    Result find(String name, int size, String... extra) {
        outer:
        for (Result r : results) {
            if (!r.name.equals(name) || !String.valueOf(size).equals(r.params.get("size"))) {
                continue;
            }
            for (int i = 0; i + 1 < extra.length; i += 2) {
                if (!extra[i + 1].equals(r.params.get(extra[i]))) {
                    continue outer;
                }
            }
            return r;
        }
        return null;
    }

    void printTable() {
        if (results.isEmpty()) {
            out.println("# no results");
            return;
        }
        out.println("# JDK " + results.get(0).jdk);
        out.println("# statistic: " + switch (stat) {
            case CPU -> "CPU time / wall time per op, medians of the measurement iterations; ratios of CPU times";
            case MEDIAN -> "median wall time [fastest-slowest iteration]; ratios of medians";
            case MEAN -> "JMH mean ± 99.9% error; ratios of means";
        });
        out.println();
        out.printf(Locale.ROOT, "%-44s%27s%27s%27s%n", "alloc + free, one thread: ns/op (B/op)", "256", "2048", "16384");
        row("ByteBuffer.allocate", BYTE_BUFFER);
        row("Netty pooled, defaults", NETTY);
        row("Netty pooled, cache for all threads", NETTY_ALL);
        row("Jetty ArrayByteBufferPool", JETTY);
        row("Arrays.fill + Arrays.mismatch (floor)", FILL);
        row("uma4j zone", UMA);
        row("uma4j zone, no SPI (SPI pair)", UMA_SPI_NONE);
        row("uma4j zone, empty SPIs installed", UMA_SPI);
        row("uma4j refcounted zone, release()", UMA_REFCOUNT);
        row("uma4j packet getcl + freem", PACKET);
        row("uma4j zone, debug layer off (debug pairs)", DEBUG_OFF);
        row("uma4j zone, TRASH on", TRASH);
        row("uma4j zone, TRASH switched off", TRASH_SWITCHED_OFF);
        row("bare loop, no trash (reference)", LOOP_OFF);
        row("bare loop, TRASH's fill + verify (reference)", LOOP_TRASH);
        row("uma4j zone, leak scope by site", LEAK_SCOPE);
        row("uma4j zone, per-thread scope (SCOPE)", THREAD_SCOPE);
        row("uma4j zone, debug bookkeeping only", BOOKKEEPING);
        printRatioRows();
        new OverheadFigures(this, results, out).printTable();
        List<Result> handoffs = results.stream().filter(r -> r.name.equals(HANDOFF)).toList();
        if (!handoffs.isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "%-44s%27s%27s%n", "producer/consumer (wall clock)", "items/us (consume)", "B/item");
            for (Result r : handoffs) {
                // gc.alloc.rate.norm is per group operation: one produce or one consume.
                out.printf(Locale.ROOT, "%-44s%27s%27s%n", r.params.get("subject") + " @ " + r.params.get("size"),
                        String.format(Locale.ROOT, "%.2f", consumeRate(r)),
                        String.format(Locale.ROOT, "%.1f", 2 * r.bytesPerOp));
            }
        }
        printForkMedians();
        out.println();
    }

    /**
     * The spread between forks of the benchmarks measured in several: on a shared machine the
     * same code lands a few ns apart from one JVM to the next, which bounds the ratios that can
     * be read from a run.
     */
    private void printForkMedians() {
        List<Result> multi = results.stream().filter(r -> r.forkMedians.size() > 1).toList();
        if (multi.isEmpty()) {
            return;
        }
        out.println();
        out.println("fork medians, ns/op (CPU time; wall time where not measured)");
        for (Result r : multi) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-56s", r.name + " @ " + r.params));
            String cell = Alternated.isRatio(r.name) ? " %7.3f" : " %7.1f"; // a ratio per fork, near 1
            for (double m : r.forkMedians) {
                sb.append(String.format(Locale.ROOT, cell, m));
            }
            out.println(sb);
        }
    }

    private void printRatioRows() {
        List<String> ratios = new ArrayList<>();
        ratioRow(ratios, "uma4j / Netty defaults", UMA, NETTY);
        ratioRow(ratios, "uma4j / Netty cache for all threads", UMA, NETTY_ALL);
        ratioRow(ratios, "uma4j / Jetty", UMA, JETTY);
        ratioRow(ratios, "uma4j / ByteBuffer.allocate", UMA, BYTE_BUFFER);
        ratioRow(ratios, "uma4j / fill + mismatch", UMA, FILL);
        ratioRow(ratios, "uma4j empty SPIs / no SPI", UMA_SPI, UMA_SPI_NONE);
        ratioRow(ratios, "uma4j release() / free", UMA_REFCOUNT, UMA);
        ratioRow(ratios, "uma4j packet / uma4j zone", PACKET, UMA);
        ratioRow(ratios, "uma4j TRASH on / fill + mismatch (total)", TRASH, FILL);
        ratioRow(ratios, "uma4j TRASH on / off", TRASH, DEBUG_OFF);
        ratioRow(ratios, "uma4j leak scope by site / off", LEAK_SCOPE, DEBUG_OFF);
        ratioRow(ratios, "uma4j per-thread scope / off", THREAD_SCOPE, DEBUG_OFF);
        ratioRow(ratios, "uma4j debug bookkeeping only / off", BOOKKEEPING, DEBUG_OFF);
        ratioRow(ratios, "Jetty / Netty defaults", JETTY, NETTY);
        ratioRow(ratios, "fill + mismatch / Netty defaults", FILL, NETTY);
        if (!ratios.isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "%-44s%27s%27s%27s%n", "ratio of times (lower: first is faster)", "256", "2048", "16384");
            ratios.forEach(out::println);
        }
    }

    private void row(String label, String name) {
        if (results.stream().noneMatch(r -> r.name.equals(name))) {
            return;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-44s", label));
        for (int size : SIZES) {
            Result r = find(name, size);
            sb.append(String.format(Locale.ROOT, "%27s", r == null ? "-" : cell(r)));
        }
        out.println(sb);
    }

    private String cell(Result r) {
        if (stat == Stat.CPU && !Double.isNaN(r.cpu)) {
            return String.format(Locale.ROOT, "%.1f / %.1f (%.0f)", r.cpu, r.wall, r.bytesPerOp);
        } else if (stat != Stat.MEAN) {
            return String.format(Locale.ROOT, "%.1f [%.0f-%.0f] (%.0f)", r.wall, r.min, r.max, r.bytesPerOp);
        } else if (Double.isNaN(r.error)) {
            return String.format(Locale.ROOT, "%.1f (%.0f)", r.wall, r.bytesPerOp);
        }
        return String.format(Locale.ROOT, "%.1f ± %.1f (%.0f)", r.wall, r.error, r.bytesPerOp);
    }

    private void ratioRow(List<String> rows, String label, String name, String base) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-44s", label));
        boolean any = false;
        for (int size : SIZES) {
            Result a = find(name, size);
            Result b = find(base, size);
            any |= a != null && b != null;
            sb.append(String.format(Locale.ROOT, "%27s",
                    a == null || b == null ? "-" : String.format(Locale.ROOT, "%.3f", time(a) / time(b))));
        }
        if (any) {
            rows.add(sb.toString());
        }
    }

    static double consumeRate(Result r) {
        Double c = r.secondary.get("consume");
        return c != null ? c : r.wall / 2;
    }

    void printFigures() {
        List<String> missing = new ArrayList<>();
        for (int size : SIZES) {
            Result uma = find(UMA, size);
            figure("alloc-free-" + size + "-vs-netty", uma, find(NETTY, size), "<=", 0.25, missing);
            figure("alloc-free-" + size + "-vs-jetty", uma, find(JETTY, size), "<=", 0.5, missing);
            if (uma != null) {
                verdict("alloc-free-" + size + "-bytes-per-op", uma.bytesPerOp, "<=", ZERO_BYTES);
            } else {
                missing.add("alloc-free-" + size + "-bytes-per-op (<=" + ZERO_BYTES + " B/op)");
            }
        }
        Result pcUma = find(HANDOFF, 2048, "subject", "uma4j");
        Result pcNetty = find(HANDOFF, 2048, "subject", "nettyDefaults");
        if (pcUma != null && pcNetty != null) {
            verdict("producer-consumer-vs-netty", consumeRate(pcUma) / consumeRate(pcNetty), ">=", 2.0);
        } else {
            missing.add("producer-consumer-vs-netty (>=2)");
        }
        figure("spi-installed-vs-none", find(UMA_SPI, 2048), find(UMA_SPI_NONE, 2048), "<=", 1.05, missing);
        figure("packet-getcl-freem-vs-alloc-free-2048", find(PACKET, 2048), find(UMA, 2048), "<=", 1.2, missing);
        for (int size : SIZES) {
            // The cost of trash is what switching it on adds to alloc + free, against the floor.
            Result on = find(TRASH, size);
            Result off = find(DEBUG_OFF, size);
            Result floor = find(FILL, size);
            if (on != null && off != null && floor != null) {
                verdict("trash-" + size + "-vs-fill-mismatch", (time(on) - time(off)) / time(floor), "<=", 1.5);
                interval("trash-" + size + "-vs-fill-mismatch", List.of(on, off, floor), m -> (m[0] - m[1]) / m[2], "<=", 1.5);
                trashApart(size, on, off, floor);
            } else {
                missing.add("trash-" + size + "-vs-fill-mismatch (<=1.5)");
            }
        }
        figure("leak-tracking-vs-off", find(LEAK_SCOPE, 2048), find(DEBUG_OFF, 2048), "<=", 1.1, missing);
        new OverheadFigures(this, results, out).printFigures(missing);
        for (String m : missing) {
            out.println("# not measured: " + m);
        }
    }

    /**
     * After a trash figure: what TRASH adds to uma4j's alloc + free, split where the runs allow it
     * into the trash hooks' own cost ({@code Uma4jDebugBenchmark.trashSwitchedOff}: the zone's
     * hooks with the detector switched off) and its fill + verify, and what the same fill and
     * verify add to a bare loop ({@link TrashLoopBenchmark}). So a miss reads as the hooks' or the
     * primitives'. Reference lines, not figures: no verdict.
     */
    private void trashApart(int size, Result on, Result off, Result floor) {
        double uma = time(on) - time(off);
        Result idle = find(TRASH_SWITCHED_OFF, size);
        if (idle != null) {
            double hooks = time(idle) - time(off);
            out.printf(Locale.ROOT, "# trash-%d apart: TRASH adds %.1f ns to uma4j's alloc + free: its hooks %.1f ns (TRASH "
                    + "switched off), its fill + verify %.1f ns (%.3f of the floor)%n",
                    size, uma, hooks, uma - hooks, (uma - hooks) / time(floor));
        }
        Result loopOn = find(LOOP_TRASH, size);
        Result loopOff = find(LOOP_OFF, size);
        if (loopOn == null || loopOff == null) {
            return;
        }
        double loop = time(loopOn) - time(loopOff);
        out.printf(Locale.ROOT, "# trash-%d bare loop: the same fill + verify add %.1f ns to a loop with no uma4j code "
                + "(TrashLoopBenchmark: %.3f of the floor), %.1f ns less than to uma4j%n",
                size, loop, loop / time(floor), uma - loop);
    }

    /** A time ratio {@code a / b}; listed as missing when either benchmark is absent. */
    void figure(String id, Result a, Result b, String cmp, double target, List<String> missing) {
        if (a == null || b == null) {
            missing.add(id + " (" + cmp + fmt(target) + ")");
            return;
        }
        verdict(id, time(a) / time(b), cmp, target);
        interval(id, List.of(a, b), m -> m[0] / m[1], cmp, target);
    }

    /**
     * A figure measured within each fork: {@code r} holds one ratio per fork (an alternated
     * benchmark's, see {@link Alternated}); the figure is their median, its interval over forks.
     */
    void withinFork(String id, Result r, String cmp, double target, List<String> missing) {
        if (r == null) {
            missing.add(id + " (" + cmp + fmt(target) + ")");
            return;
        }
        verdict(id, r.cpu(), cmp, target);
        interval(id, List.of(r), m -> m[0], cmp, target);
    }

    /**
     * A figure measured within each fork in a crossover: {@code a} and {@code b} hold one ratio per
     * fork each (alternated benchmarks whose two sides swap which code is measured), and the
     * figure is the geometric mean of their medians, so a factor that multiplies one and divides
     * the other cancels. Its interval draws the same rounds for both.
     */
    void crossover(String id, Result a, Result b, String cmp, double target, List<String> missing) {
        if (a == null || b == null) {
            missing.add(id + " (" + cmp + fmt(target) + ")");
            return;
        }
        verdict(id, Math.sqrt(a.cpu() * b.cpu()), cmp, target);
        interval(id, List.of(a, b), m -> Math.sqrt(m[0] * m[1]), cmp, target);
    }

    /**
     * A check of a method, not a figure: a within-fork ratio ({@code r} as in {@link #withinFork})
     * of two sides that differ only in what the method must cancel or ignore, printed as a
     * {@code #} line with its interval and {@code what} it reads, never counted as a miss.
     * Nothing is printed when it did not run.
     */
    void check(String id, Result r, String what) {
        if (r == null) {
            return;
        }
        Bootstrap b = bootstrap(List.of(r), m -> m[0]);
        out.printf(Locale.ROOT, "# check %s %.3f%s: %s%n", id, r.cpu(),
                b == null ? "" : String.format(Locale.ROOT, " (95 %%: %.3f-%.3f, %s)", b.ci()[0], b.ci()[1],
                        b.resampled()), what);
    }

    /** Prints the figure's 95 % interval over its forks (see {@link ForkBootstrap}) when every side has enough. */
    private void interval(String id, List<Result> sides, ToDoubleFunction<double[]> figure, String cmp, double target) {
        Bootstrap b = bootstrap(sides, figure);
        if (b != null) {
            out.println(ForkBootstrap.line(id, b.ci(), cmp, target, b.resampled()));
        }
    }

    /** A 95 % interval over forks and how it drew them ({@link ForkBootstrap#resampled}). */
    private record Bootstrap(double[] ci, String resampled) {
    }

    /** The interval of {@code figure} over the sides' forks, or null when a side has too few. */
    private static Bootstrap bootstrap(List<Result> sides, ToDoubleFunction<double[]> figure) {
        List<List<Double>> forks = sides.stream().map(Result::forkMedians).toList();
        List<List<Integer>> rounds = sides.stream().map(Result::forkRounds).toList();
        double[] ci = ForkBootstrap.interval(forks, rounds, figure);
        return ci == null ? null : new Bootstrap(ci, ForkBootstrap.resampled(forks, rounds));
    }

    private void verdict(String id, double measured, String cmp, double target) {
        boolean pass = cmp.equals("<=") ? measured <= target : measured >= target;
        if (!pass) {
            misses++;
        }
        out.printf(Locale.ROOT, "ratio %s %.3f %s%s %s%n", id, measured, cmp, fmt(target), pass ? "pass" : "miss");
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
