package org.uma4j.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The overhead figures of issue 9 for {@link Ratios}: what an all-threads leak scope (within forks),
 * uma4j's JFR events and the agent add to the same work, each pair measured in the same run.
 * <ul>
 *   <li>{@code leak-tracking-vs-off-alternated}: the target of {@code leak-tracking-vs-off}, at
 *       most 1.1, measured within each fork: {@link Uma4jDebugBenchmark} {@code leakAlternated}'s
 *       even iterations (an all-threads leak scope open) over their odd neighbours;
 *   <li>{@code jfr-on-vs-off}: {@link Uma4jZoneJfrBenchmark} {@code jfrRecording / jfrOff},
 *       target at most 1.01;
 *   <li>{@code jfr-off-vs-no-event-code}: {@code jfrOff / noEventCode}, target at most 1.05:
 *       no difference beyond the noise of a CI run;
 *   <li>{@code jfr-on-vs-off-alternated}: the same target as {@code jfr-on-vs-off}, measured
 *       within each fork: {@code jfrAlternated}'s even iterations (recording) over their odd
 *       neighbours, the median of the forks' ratios ({@link Alternated#localRatios});
 *   <li>{@code agent-account-vs-none}: {@link LogFramingBenchmark} {@code agent / plain}, target
 *       at most 1.03;
 *   <li>{@code agent-account-vs-none-alternated}: the same target, measured within each fork:
 *       the rewritten side's iterations over their not-rewritten neighbours, the geometric mean
 *       of {@code agentCopyAlternated}'s (the copy rewritten) and {@code agentOriginalAlternated}'s
 *       (the original rewritten), so that what the two copies' code placement reads on its own
 *       cancels. The check line {@code # check agent-alternated-a-a} is {@code idleAlternated}'s
 *       reading with neither rewritten: that placement alone.
 * </ul>
 * The last figure, {@code agent-startup-ms}, is not a JMH result: {@link AgentStartup} prints
 * its line itself ({@code run.sh} runs it after the report).
 *
 * <p>Threading: used by {@link Ratios} on its one thread.
 */
final class OverheadFigures {

    static final String JFR_NONE = "Uma4jZoneJfrBenchmark.noEventCode";
    static final String JFR_OFF = "Uma4jZoneJfrBenchmark.jfrOff";
    static final String JFR_ON = "Uma4jZoneJfrBenchmark.jfrRecording";
    static final String JFR_ALT_OFF = "Uma4jZoneJfrBenchmark.jfrAlternatedOff"; // split by Alternated
    static final String JFR_ALT_ON = "Uma4jZoneJfrBenchmark.jfrAlternatedOn";
    static final String JFR_ALT_RATIO = "Uma4jZoneJfrBenchmark.jfrAlternatedRatio"; // on ÷ off per fork
    static final String LEAK_ALT_RATIO = "Uma4jDebugBenchmark.leakAlternatedRatio"; // scope open ÷ not, per fork
    static final String LOG_PLAIN = "LogFramingBenchmark.plain";
    static final String LOG_AGENT = "LogFramingBenchmark.agent";
    static final String LOG_IDLE = "LogFramingBenchmark.idle";
    static final String LOG_COPY_OFF = "LogFramingBenchmark.agentCopyAlternatedOff"; // split by Alternated
    static final String LOG_COPY_ON = "LogFramingBenchmark.agentCopyAlternatedOn";
    static final String LOG_COPY_RATIO = "LogFramingBenchmark.agentCopyAlternatedRatio"; // rewritten ÷ not, per fork
    static final String LOG_ORIG_OFF = "LogFramingBenchmark.agentOriginalAlternatedOff";
    static final String LOG_ORIG_ON = "LogFramingBenchmark.agentOriginalAlternatedOn";
    static final String LOG_ORIG_RATIO = "LogFramingBenchmark.agentOriginalAlternatedRatio";
    static final String LOG_AA_RATIO = "LogFramingBenchmark.idleAlternatedRatio"; // copy ÷ original, neither rewritten

    private final Ratios ratios; // statistic choice and the verdict lines
    private final List<Ratios.Result> results; // the run's results
    private final PrintStream out; // where the table goes

    OverheadFigures(Ratios ratios, List<Ratios.Result> results, PrintStream out) {
        this.ratios = ratios;
        this.results = results;
        this.out = out;
    }

    /** Prints the overhead pairs' times, if any of their benchmarks ran. */
    void printTable() {
        String[][] rows = {
            {"uma4j zone 2048, no event code", JFR_NONE},
            {"uma4j zone 2048, JFR installed, no recording", JFR_OFF},
            {"uma4j zone 2048, JFR recording (uma4j.jfc)", JFR_ON},
            {"the same zone, odd iterations: no recording", JFR_ALT_OFF},
            {"the same zone, even iterations: recording", JFR_ALT_ON},
            {"log framing (LogCompactor.frame), no agent", LOG_PLAIN},
            {"log framing, agent in account mode", LOG_AGENT},
            {"log framing, agent started, no class rewritten", LOG_IDLE},
            {"log framing, one fork: original, not rewritten", LOG_COPY_OFF},
            {"log framing, the same fork: copy, rewritten", LOG_COPY_ON},
            {"log framing, one fork: copy, not rewritten", LOG_ORIG_OFF},
            {"log framing, the same fork: original, rewritten", LOG_ORIG_ON},
            {"ByteBuffer.wrap of 64 bytes, no agent", "AgentHookBenchmark.plain"},
            {"the same call rewritten, by the site's owner", "AgentHookBenchmark.owner"},
            {"the same call rewritten, by another thread", "AgentHookBenchmark.otherThread"},
            {"the same, every stripe of the site held", "AgentHookBenchmark.noStripe"},
        };
        boolean header = false;
        for (String[] row : rows) {
            Ratios.Result r = find(row[1]);
            if (r == null) {
                continue;
            }
            if (!header) {
                out.println();
                out.printf(Locale.ROOT, "%-52s%27s%n", "overhead pairs: ns/op (B/op)", "cpu / wall");
                header = true;
            }
            String cell = Double.isNaN(r.cpu())
                    ? String.format(Locale.ROOT, "- / %.1f (%.0f)", r.wall(), r.bytesPerOp())
                    : String.format(Locale.ROOT, "%.1f / %.1f (%.0f)", r.cpu(), r.wall(), r.bytesPerOp());
            out.printf(Locale.ROOT, "%-52s%27s%n", row[0], cell);
        }
    }

    /** Prints the figure lines; a figure whose benchmarks did not run goes to {@code missing}. */
    void printFigures(List<String> missing) {
        ratios.figure("jfr-on-vs-off", find(JFR_ON), find(JFR_OFF), "<=", 1.01, missing);
        ratios.figure("jfr-off-vs-no-event-code", find(JFR_OFF), find(JFR_NONE), "<=", 1.05, missing);
        ratios.withinFork("leak-tracking-vs-off-alternated", find(LEAK_ALT_RATIO), "<=", 1.1, missing);
        ratios.withinFork("jfr-on-vs-off-alternated", find(JFR_ALT_RATIO), "<=", 1.01, missing);
        ratios.figure("agent-account-vs-none", find(LOG_AGENT), find(LOG_PLAIN), "<=", 1.03, missing);
        ratios.crossover("agent-account-vs-none-alternated", find(LOG_COPY_RATIO), find(LOG_ORIG_RATIO), "<=", 1.03,
                missing);
        ratios.check("agent-alternated-a-a", find(LOG_AA_RATIO),
                "neither copy rewritten, their code placement alone, which the crossover cancels");
    }

    /** The first result of a benchmark, whatever its parameters, or null. */
    private Ratios.Result find(String name) {
        for (Ratios.Result r : results) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }
}
