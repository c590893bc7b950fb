package org.uma4j.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trash, pairing and alternation lines {@link Ratios} prints, on made-up results. */
class RatiosTest {

    /** A result of {@code name} at {@code size} whose CPU time per op is {@code ns} in each of four forks. */
    private static Ratios.Result result(String name, int size, double ns) {
        List<Double> forks = List.of(ns, ns, ns, ns);
        return new Ratios.Result(name, Map.of("size", String.valueOf(size)), "25", ns, 0, ns, ns, ns, 0,
                Map.of(), forks, forks, forks, List.of()); // no rounds: one file of four forks
    }

    private static String figures(List<Ratios.Result> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Ratios(results, Ratios.Stat.CPU, new PrintStream(bytes, true, StandardCharsets.UTF_8)).printFigures();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The report's tables (the rows, the fork medians) that {@link Ratios} prints before the figures. */
    private static String table(List<Ratios.Result> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Ratios(results, Ratios.Stat.CPU, new PrintStream(bytes, true, StandardCharsets.UTF_8)).printTable();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static List<Ratios.Result> trashAt256() {
        List<Ratios.Result> rs = new ArrayList<>();
        rs.add(result(Ratios.TRASH, 256, 37.0));
        rs.add(result(Ratios.DEBUG_OFF, 256, 13.0));
        rs.add(result(Ratios.FILL, 256, 10.0));
        return rs;
    }

    @Test
    void theBareLoopLineTimesTheSamePrimitivesWithoutUma4j() {
        List<Ratios.Result> rs = trashAt256();
        rs.add(result(Ratios.LOOP_TRASH, 256, 30.0));
        rs.add(result(Ratios.LOOP_OFF, 256, 8.0));
        String out = figures(rs);
        assertTrue(out.contains("ratio trash-256-vs-fill-mismatch 2.400 <=1.5 miss"), out);
        // uma4j: 37 - 13 = 24 ns; loop: 30 - 8 = 22 ns, 2.2 floors; 2 ns more in uma4j.
        assertTrue(out.contains("# trash-256 bare loop: the same fill + verify add 22.0 ns to a loop with no uma4j code "
                + "(TrashLoopBenchmark: 2.200 of the floor), 2.0 ns less than to uma4j"), out);
        assertFalse(out.contains("apart"), out); // no switched-off run: no split
    }

    @Test
    void theSwitchedOffZoneSplitsTrashIntoHooksAndFillAndVerify() {
        List<Ratios.Result> rs = trashAt256();
        rs.add(result(Ratios.TRASH_SWITCHED_OFF, 256, 18.0));
        String out = figures(rs);
        // uma4j: 37 - 13 = 24 ns; hooks: 18 - 13 = 5 ns; fill + verify: 19 ns, 1.9 floors.
        assertTrue(out.contains("# trash-256 apart: TRASH adds 24.0 ns to uma4j's alloc + free: its hooks 5.0 ns (TRASH "
                + "switched off), its fill + verify 19.0 ns (1.900 of the floor)"), out);
        assertFalse(out.contains("bare loop"), out);
    }

    @Test
    void withoutTheReferenceRunsThereIsNoSplit() {
        String out = figures(trashAt256());
        assertTrue(out.contains("ratio trash-256-vs-fill-mismatch"), out);
        assertFalse(out.contains("apart"), out);
        assertFalse(out.contains("bare loop"), out);
    }

    /** A result whose fork in round {@code r} took {@code ns} times that round's load. */
    private static Ratios.Result inRounds(String name, int size, double ns, double... load) {
        List<Double> forks = new ArrayList<>();
        List<Integer> rounds = new ArrayList<>();
        for (int r = 0; r < load.length; r++) {
            forks.add(ns * load[r]);
            rounds.add(r);
        }
        return new Ratios.Result(name, Map.of("size", String.valueOf(size)), "25", ns, 0, ns, ns, ns, 0,
                Map.of(), forks, forks, forks, rounds);
    }

    @Test
    void sidesRunInTheSameRoundsGetAPairedInterval() {
        double[] load = {1.0, 1.4, 0.9, 1.2};
        String out = figures(List.of(inRounds(Ratios.PACKET, 2048, 18.0, load), inRounds(Ratios.UMA, 2048, 12.0, load)));
        assertTrue(out.contains("ratio packet-getcl-freem-vs-alloc-free-2048 1.500 <=1.2 miss"), out);
        assertTrue(out.contains("# interval packet-getcl-freem-vs-alloc-free-2048 1.500-1.500 "
                + "(95 %, rounds resampled, paired: 4): resolved miss"), out);
    }

    @Test
    void sidesWithoutRoundsGetForksResampled() {
        String out = figures(List.of(result(Ratios.PACKET, 2048, 18.0), result(Ratios.UMA, 2048, 12.0)));
        assertTrue(out.contains("(95 %, forks resampled: 4 + 4): resolved miss"), out);
    }

    /** One round's JMH JSON of {@code jfrAlternated}: one fork whose CPU times per iteration are {@code cpu}. */
    private static File alternatedRound(Path dir, int round, double... cpu) throws IOException {
        return alternatedRound(dir, "Uma4jZoneJfrBenchmark.jfrAlternated", "\"params\":{\"size\":\"2048\"},", round, cpu);
    }

    /** One round's JMH JSON of the alternated benchmark {@code name}: one fork, its iterations' CPU times. */
    private static File alternatedRound(Path dir, String name, String params, int round, double... cpu)
            throws IOException {
        StringBuilder iterations = new StringBuilder();
        for (double v : cpu) {
            iterations.append(iterations.length() == 0 ? "" : ",").append(v);
        }
        String json = "[{\"benchmark\":\"org.uma4j.bench." + name + "\",\"jdkVersion\":\"25\"," + params
                + "\"primaryMetric\":{\"score\":1,\"rawData\":[[" + iterations + "]]},"
                + "\"secondaryMetrics\":{\"cpu.time.norm\":{\"score\":1,\"rawData\":[[" + iterations + "]]},"
                + "\"gc.alloc.rate.norm\":{\"score\":0,\"rawData\":[[0]]}}}]";
        File f = dir.resolve(name + "-r" + round + ".json").toFile();
        Files.writeString(f.toPath(), json);
        return f;
    }

    @Test
    void alternatedIterationsAreSplitAndPairedForkByFork(@TempDir Path dir) throws IOException {
        List<Ratios.Result> read = new ArrayList<>();
        // Odd iterations without the recording, even ones with it: 2 % more, in forks 20 % apart.
        double[] fork = {10.0, 12.0, 11.0, 13.0};
        for (int r = 0; r < fork.length; r++) {
            double off = fork[r];
            double on = off * 1.02;
            // The last fork has a fifth iteration, odd-numbered and far off: left out, unpaired.
            double[] cpu = r == 3 ? new double[] {off, on, off, on, 99.0} : new double[] {off, on, off, on};
            read.addAll(Ratios.Result.read(alternatedRound(dir, r, cpu), true, r));
        }
        List<Ratios.Result> pooled = Ratios.Result.pool(read, true);
        String out = figures(pooled);
        // Every fork's even iterations are 2 % over their odd neighbours, whatever the fork's level.
        assertTrue(out.contains("ratio jfr-on-vs-off-alternated 1.020 <=1.01 miss"), out);
        // Every fork says 1.02, so every draw of forks does.
        assertTrue(out.contains("# interval jfr-on-vs-off-alternated 1.020-1.020 (95 %, rounds resampled, paired: 4)"
                + ": resolved miss"), out);
        // The report lists each fork's ratio among the fork medians, with three decimals.
        String report = table(pooled);
        assertTrue(report.matches("(?s).*jfrAlternatedRatio @ \\{size=2048} +1\\.020   1\\.020   1\\.020   1\\.020\n.*"), report);
    }

    @Test
    void aSpellOfLoadWithinAForkDoesNotMoveTheAlternatedFigure(@TempDir Path dir) throws IOException {
        List<Ratios.Result> read = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            double off = 10.0 + r;
            double[] cpu = new double[10];
            for (int i = 0; i < cpu.length; i++) {
                // In fork 0 a spell makes everything 50 % slower from iteration 6 on: three of the
                // recording side's five iterations and two of the other's.
                double spell = r == 0 && i >= 5 ? 1.5 : 1.0;
                cpu[i] = (i % 2 == 1 ? off * 1.004 : off) * spell;
            }
            read.addAll(Ratios.Result.read(alternatedRound(dir, r, cpu), true, r));
        }
        String out = figures(Ratios.Result.pool(read, true));
        // Fork 0's neighbour ratios are 1.004, 1.004, 1.205 (the spell begins), 1.004, 1.004: median
        // 1.004, as in the other forks. Its sides' medians would say 1.506 (15.06 over 10.0).
        assertTrue(out.contains("ratio jfr-on-vs-off-alternated 1.004 <=1.01 pass"), out);
        assertTrue(out.contains("# interval jfr-on-vs-off-alternated 1.004-1.004"), out);
    }

    @Test
    void theLeakScopesAlternatedFigureHoldsItsEvenIterationsToTheLeakTarget(@TempDir Path dir) throws IOException {
        // Forks 6..9 ns; the scope's iterations 12 % dearer in one run, 8 % in the other.
        for (double scope : new double[] {1.12, 1.08}) {
            List<Ratios.Result> read = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                double off = 6.0 + r;
                Path d = Files.createDirectories(dir.resolve(scope + "-" + r));
                read.addAll(Ratios.Result.read(alternatedRound(d, "Uma4jDebugBenchmark.leakAlternated",
                        "\"params\":{\"size\":\"2048\"},", r, off, off * scope, off, off * scope), true, r));
            }
            String out = figures(Ratios.Result.pool(read, true));
            String verdict = scope > 1.1 ? "miss" : "pass";
            assertTrue(out.contains(String.format(java.util.Locale.ROOT,
                    "ratio leak-tracking-vs-off-alternated %.3f <=1.1 %s", scope, verdict)), out);
        }
    }

    @Test
    void noAlternatedRunNoAlternatedFigure() {
        String out = figures(trashAt256());
        assertFalse(out.contains("ratio jfr-on-vs-off-alternated"), out);
    }

    @Test
    void theAgentsAlternatedFigureCancelsTheCopiesPlacementByTheCrossover(@TempDir Path dir) throws IOException {
        List<Ratios.Result> read = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            double off = 60.0 + 10 * r; // forks at 60..90 ns: the between-fork modes the figure must not see
            // The copy runs 1.8 % faster than the original wherever it is: rewriting costs 5 %, so the
            // copy rewritten over the original reads 1.05 / 1.018 and the original rewritten over
            // the copy 1.05 * 1.018.
            read.addAll(Ratios.Result.read(alternatedRound(dir, "LogFramingBenchmark.agentCopyAlternated", "", r,
                    off, off * 1.0315, off, off * 1.0315), true, r));
            read.addAll(Ratios.Result.read(alternatedRound(dir, "LogFramingBenchmark.agentOriginalAlternated", "", r,
                    off, off * 1.0689, off, off * 1.0689), true, r));
            // Neither rewritten: the copy over the original, the placement alone.
            read.addAll(Ratios.Result.read(alternatedRound(dir, "LogFramingBenchmark.idleAlternated", "", r,
                    off, off / 1.018, off, off / 1.018), true, r));
        }
        List<Ratios.Result> pooled = Ratios.Result.pool(read, true);
        String out = figures(pooled);
        // sqrt(1.0315 * 1.0689) = 1.050: the 5 % the rewriting costs, the placement gone.
        assertTrue(out.contains("ratio agent-account-vs-none-alternated 1.050 <=1.03 miss"), out);
        assertTrue(out.contains("# interval agent-account-vs-none-alternated 1.050-1.050 (95 %, rounds resampled, "
                + "paired: 4): resolved miss"), out);
        // The check is a # line with its interval, never a ratio line: it has no target.
        assertTrue(out.contains("# check agent-alternated-a-a 0.982 (95 %: 0.982-0.982, rounds resampled, paired: 4)"
                + ": neither copy rewritten, their code placement alone, which the crossover cancels"), out);
        assertFalse(out.contains("ratio agent-alternated-a-a"), out);
        String report = table(pooled);
        assertTrue(report.contains("log framing, the same fork: original, rewritten"), report);
    }

    @Test
    void oneSideOfTheCrossoverAloneIsNoFigure(@TempDir Path dir) throws IOException {
        List<Ratios.Result> read = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            read.addAll(Ratios.Result.read(alternatedRound(dir, "LogFramingBenchmark.agentCopyAlternated", "", r,
                    60, 63, 60, 63), true, r));
        }
        String out = figures(Ratios.Result.pool(read, true));
        assertFalse(out.contains("ratio agent-account-vs-none-alternated"), out);
        assertTrue(out.contains("not measured: agent-account-vs-none-alternated (<=1.03)"), out);
    }

    @Test
    void noAlternatedAgentRunNoCheckLine() {
        String out = figures(trashAt256());
        assertFalse(out.contains("agent-alternated-a-a"), out);
        assertFalse(out.contains("ratio agent-account-vs-none-alternated"), out);
    }
}
