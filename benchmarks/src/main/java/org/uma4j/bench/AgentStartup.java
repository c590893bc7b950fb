package org.uma4j.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the start-up cost of the uma4j agent (figure {@code agent-startup-ms}): the time to exit
 * of a child JVM running {@link JettyStartStop} (embedded Jetty: start, one request, stop), with
 * and without {@code -javaagent:<agent jar>} at its default options. The runs alternate, the
 * order flipping each round so a drift of the machine's load hits both sides alike, after one
 * unmeasured pair that warms the file cache. The figure is the difference of the two medians, in
 * milliseconds; it prints
 * <pre>
 * ratio agent-startup-ms &lt;with - without&gt; &lt;=300 &lt;pass|miss&gt;
 * </pre>
 * after comment lines with the medians, the child's CPU time and the classes it loaded.
 *
 * <p>Usage, from the repository root after {@code mvn -B -q -DskipTests package}:
 * {@code java -cp benchmarks/target/benchmarks.jar org.uma4j.bench.AgentStartup [--runs N]
 * [--agent PATH] [--fail-on-miss]}. The agent jar is {@code --agent}, else the system property
 * {@code uma4j.bench.agentJar}, else {@code agent/target/uma4j-agent.jar} relative to the working
 * directory. Children run on this JVM's {@code java.home} and class path, with
 * {@code -Xms256m -Xmx256m -XX:+AlwaysPreTouch}. Not a JMH benchmark: JMH measures steady
 * state, this measures one cold start each time.
 *
 * <p>Threading: a command-line tool, single-threaded; children run one at a time.
 */
public final class AgentStartup {

    static final double TARGET_MS = 300;

    private static final Pattern STATS = Pattern.compile("jetty-start-stop classes=(\\d+) cpu-ms=(\\d+) status=(.*)");

    private final String agentJar; // the -javaagent jar
    private final int runs; // measured runs per side

    AgentStartup(String agentJar, int runs) {
        this.agentJar = agentJar;
        this.runs = runs;
    }

    /** One child run: wall time to exit, the child's own CPU time, the classes it loaded. */
    record Run(double wallMs, double cpuMs, long classes) {
    }

    /**
     * Entry point; see the class comment.
     *
     * @param args the options
     * @throws Exception if a child cannot be started or fails
     */
    public static void main(String[] args) throws Exception {
        String agent = System.getProperty("uma4j.bench.agentJar", "agent/target/uma4j-agent.jar");
        int runs = 10;
        boolean failOnMiss = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs") && i + 1 < args.length) {
                runs = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--agent") && i + 1 < args.length) {
                agent = args[++i];
            } else if (args[i].equals("--fail-on-miss")) {
                failOnMiss = true;
            } else {
                System.err.println("AgentStartup: argument: " + args[i] + " (expected: [--runs N] [--agent PATH] [--fail-on-miss])");
                System.exit(2);
            }
        }
        if (runs < 1) {
            throw new IllegalArgumentException("runs: " + runs + " (expected: > 0)");
        }
        if (!new File(agent).isFile()) {
            System.err.println("AgentStartup: agent jar: " + new File(agent).getAbsolutePath()
                    + " (expected: a file; build it with mvn -B -q -DskipTests package, or pass --agent PATH)");
            System.exit(2);
        }
        boolean pass = new AgentStartup(agent, runs).measure();
        if (failOnMiss && !pass) {
            System.exit(1);
        }
    }

    /** Runs the children, prints the report and returns whether the figure passes. */
    boolean measure() throws IOException, InterruptedException {
        run(false);
        run(true); // warm-up pair: file cache, not measured
        List<Run> without = new ArrayList<>();
        List<Run> with = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            boolean agentFirst = (i & 1) == 1;
            (agentFirst ? with : without).add(run(agentFirst));
            (agentFirst ? without : with).add(run(!agentFirst));
        }
        double plain = median(without, Run::wallMs);
        double agent = median(with, Run::wallMs);
        double diff = agent - plain;
        System.out.printf(Locale.ROOT, "# agent start-up: %s, %d runs each, interleaved; child JVM %s%n",
                "embedded Jetty start + 1 request + stop (JettyStartStop)", runs, System.getProperty("java.version"));
        line("without agent", without);
        line("with agent", with);
        boolean pass = diff <= TARGET_MS;
        System.out.printf(Locale.ROOT, "ratio agent-startup-ms %.0f <=%.0f %s%n", diff, TARGET_MS, pass ? "pass" : "miss");
        return pass;
    }

    private static void line(String label, List<Run> runs) {
        System.out.printf(Locale.ROOT, "# %-14s median %.0f ms to exit [%.0f-%.0f], child CPU median %.0f ms, %d classes loaded%n",
                label + ":", median(runs, Run::wallMs), min(runs), max(runs), median(runs, Run::cpuMs), runs.get(0).classes());
    }

    /** Starts one child, waits for it to exit and reads its statistics line. */
    Run run(boolean withAgent) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.addAll(List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"));
        if (withAgent) {
            cmd.add("-javaagent:" + agentJar);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), JettyStartStop.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        long start = System.nanoTime();
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        double wallMs = (System.nanoTime() - start) / 1e6;
        Matcher m = STATS.matcher(output);
        if (status != 0 || !m.find() || !m.group(3).contains(" 200")) {
            throw new IllegalStateException("uma4j: start-up child failed (exit status " + status + ", "
                    + (withAgent ? "with" : "without") + " agent): " + String.join(" ", cmd) + "\n" + output);
        }
        return new Run(wallMs, Double.parseDouble(m.group(2)), Long.parseLong(m.group(1)));
    }

    static double median(List<Run> runs, ToDoubleFunction<Run> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        int n = v.length;
        return (n & 1) == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double min(List<Run> runs) {
        return runs.stream().mapToDouble(Run::wallMs).min().orElse(Double.NaN);
    }

    private static double max(List<Run> runs) {
        return runs.stream().mapToDouble(Run::wallMs).max().orElse(Double.NaN);
    }
}
