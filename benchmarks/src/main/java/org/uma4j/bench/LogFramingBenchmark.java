package org.uma4j.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.IterationParams;

/**
 * A buffer-heavy workload written against plain {@link ByteBuffer}s, run without and with the
 * uma4j agent in account mode (its defaults: every rewritten call accounted to its site and size
 * class, one new buffer in 1024 tracked for liveness, no report). One operation is the loop body of
 * {@code sample-apps}' {@code LogCompactor}: frame a key/value record ({@code ByteBuffer.wrap} of
 * the key's bytes, {@code ByteBuffer.allocate} of the record, two puts of the key and the value)
 * and keep it as the key's latest record, so the previous one becomes garbage. Values are made
 * once at set-up (sizes as in {@code LogCompactor}: 16..215 bytes, one in eight up to 3015), so
 * the random generator does not dilute the buffer work.
 * <ul>
 *   <li>{@link #plain}: a fork without the agent;
 *   <li>{@link #agent}: a fork started with
 *       {@code -javaagent:agent/target/uma4j-agent.jar=include=org.uma4j.bench.*}, which rewrites
 *       this class's two {@code ByteBuffer} calls. The path is relative to the working directory:
 *       run from the repository root after {@code mvn -B -q -DskipTests package}
 *       ({@code benchmarks/run.sh} does both). Without the jar the fork fails to start and JMH
 *       reports the error; the figure is then listed as not measured.
 *   <li>{@link #idle}: a fork with the agent started the same way but told to rewrite nothing
 *       ({@code include=org.uma4j.none.*}): what a {@code -javaagent} and the agent's start-up cost
 *       this workload without one hook in it. Not a figure: it splits {@code agent / plain} into
 *       {@code idle / plain} and {@code agent / idle} (on JDK 17 and 25 a {@code -javaagent}
 *       start-up can leave {@code HashMap.put} compiled on its own, so C2 calls it here instead
 *       of inlining it, in some forks).
 *   <li>{@link #agentCopyAlternated}: one fork with the agent told to rewrite only
 *       {@link LogFramingRewritten}, a copy of this operation under another class name, which it
 *       runs in even iterations and this class's own in odd ones (warm-up and measurement counted
 *       apart, from 1). Both sides share the fork's heap, GC mode and compiled JDK code, which
 *       differ from fork to fork by more than the 3 % target; what it cannot see is what the
 *       {@code -javaagent} costs code it does not rewrite ({@code idle / plain} above).
 *   <li>{@link #agentOriginalAlternated}: the crossover: the agent rewrites this class's copy
 *       only ({@code include=org.uma4j.bench.LogFramingBenchmark}), run in even iterations, and
 *       {@link LogFramingRewritten}'s, not rewritten, in odd ones. The two copies are compiled
 *       apart and land at different code addresses in the same fork, which alone reads a few
 *       per cent; here that placement divides the ratio where in {@code agentCopyAlternated} it
 *       multiplies it, so the figure takes the geometric mean of the two.
 *   <li>{@link #idleAlternated}: the copy in even iterations with the agent rewriting neither, a
 *       check of the method, not a figure: what the copies' placement alone reads.
 * </ul>
 * Figures: {@code agent-account-vs-none} = {@code agent / plain};
 * {@code agent-account-vs-none-alternated} = the geometric mean of the medians over forks of
 * each fork's ratio of even iterations to their odd neighbours ({@link Alternated}) in
 * {@code agentCopyAlternated} and in {@code agentOriginalAlternated}.
 *
 * <p>Threading: one JMH thread; the state is per thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class LogFramingBenchmark {

    /** The agent option the {@link #agent} fork starts with, relative to the repository root. */
    static final String AGENT = "-javaagent:agent/target/uma4j-agent.jar=include=org.uma4j.bench.*";
    /** The same agent, started with a class filter that matches no class. */
    static final String AGENT_IDLE = "-javaagent:agent/target/uma4j-agent.jar=include=org.uma4j.none.*";

    /** The agent option of {@link #agentCopyAlternated}: only the copy's two calls are rewritten. */
    static final String AGENT_COPY = "-javaagent:agent/target/uma4j-agent.jar=include=org.uma4j.bench.LogFramingRewritten";
    /** The agent option of {@link #agentOriginalAlternated}: only this class's two calls are rewritten. */
    static final String AGENT_ORIGINAL = "-javaagent:agent/target/uma4j-agent.jar=include=org.uma4j.bench.LogFramingBenchmark";

    /** Keys and values to frame, and the latest record of each key. */
    @State(Scope.Thread)
    public static class Log {
        static final int KEYS = 5_000; // distinct keys, as in LogCompactor
        static final int VALUES = 4_096; // pre-made values, a power of two

        final String[] keys = new String[KEYS]; // "key-<n>"
        final int[] keyOrder = new int[VALUES]; // which key the i-th record has
        final byte[][] values = new byte[VALUES][]; // the i-th record's value
        final Map<String, ByteBuffer> latest = new HashMap<>(); // compaction: the last record wins
        int next; // index of the next record, wraps at VALUES

        /** Makes the keys and values with LogCompactor's seed and size distribution. */
        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom rnd = new SplittableRandom(42);
            for (int i = 0; i < KEYS; i++) {
                keys[i] = "key-" + i;
            }
            for (int i = 0; i < VALUES; i++) {
                keyOrder[i] = rnd.nextInt(KEYS);
                values[i] = new byte[16 + rnd.nextInt(rnd.nextInt(8) == 0 ? 3000 : 200)];
                rnd.nextBytes(values[i]);
            }
        }
    }

    /** Which side of an alternated fork an iteration runs. */
    @State(Scope.Thread)
    public static class Sides {
        final IterationSides sides = new IterationSides();
        boolean even; // an even iteration: the side the agent rewrote, if it rewrites one

        /** Picks the side: odd iterations, then even ones, in turn. */
        @Setup(Level.Iteration)
        public void beginIteration(IterationParams p) {
            even = sides.beginEven(p);
        }
    }

    /** Frames one record and keeps it as its key's latest, no agent in the fork. */
    @Benchmark
    public int plain(Log log) {
        return frameNext(log);
    }

    /** The same, in a fork with the agent in account mode. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", AGENT})
    public int agent(Log log) {
        return frameNext(log);
    }

    /** The same, in a fork with the agent started but rewriting no class. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", AGENT_IDLE})
    public int idle(Log log) {
        return frameNext(log);
    }

    /** The operation: the copy, rewritten, in even iterations; this class's, not rewritten, in odd ones. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", AGENT_COPY})
    public int agentCopyAlternated(Log log, Sides s) {
        return s.even ? LogFramingRewritten.frameNext(log) : frameNext(log);
    }

    /** The crossover: this class's operation, rewritten, in even iterations; the copy, not rewritten, in odd ones. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", AGENT_ORIGINAL})
    public int agentOriginalAlternated(Log log, Sides s) {
        return s.even ? frameNext(log) : LogFramingRewritten.frameNext(log);
    }

    /** The copy in even iterations, this class's in odd ones, neither rewritten: the copies' placement alone. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", AGENT_IDLE})
    public int idleAlternated(Log log, Sides s) {
        return s.even ? LogFramingRewritten.frameNext(log) : frameNext(log);
    }

    static int frameNext(Log log) {
        int i = log.next;
        log.next = (i + 1) & (Log.VALUES - 1);
        String key = log.keys[log.keyOrder[i]];
        ByteBuffer record = frame(key, log.values[i]);
        log.latest.put(key, record); // the key's previous record becomes garbage
        return record.remaining();
    }

    /** Frames one record: key length, key, value length, value (as {@code LogCompactor.frame}). */
    static ByteBuffer frame(String key, byte[] value) {
        ByteBuffer k = ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8));
        ByteBuffer r = ByteBuffer.allocate(8 + k.remaining() + value.length);
        r.putInt(k.remaining()).put(k).putInt(value.length).put(value).flip();
        return r;
    }
}
