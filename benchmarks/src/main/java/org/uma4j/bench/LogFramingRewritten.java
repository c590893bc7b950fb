package org.uma4j.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@link LogFramingBenchmark}'s operation again, under a class name of its own, so that one fork
 * can have the agent rewrite this copy and leave the original alone: the within-fork figure
 * {@code agent-account-vs-none-alternated} ({@link LogFramingBenchmark#agentCopyAlternated} and,
 * crossed over, {@link LogFramingBenchmark#agentOriginalAlternated}) runs the two in alternate
 * iterations. The bytecode of both methods must stay the same as the original's, constant-pool
 * indices aside ({@code LogFramingRewrittenTest} compares their {@code javap -c} listings), or
 * the figure would time two different workloads.
 *
 * <p>Threading: stateless; the {@link LogFramingBenchmark.Log} passed in is the caller's.
 */
final class LogFramingRewritten {

    private LogFramingRewritten() {
    }

    static int frameNext(LogFramingBenchmark.Log log) {
        int i = log.next;
        log.next = (i + 1) & (LogFramingBenchmark.Log.VALUES - 1);
        String key = log.keys[log.keyOrder[i]];
        ByteBuffer record = frame(key, log.values[i]);
        log.latest.put(key, record); // the key's previous record becomes garbage
        return record.remaining();
    }

    static ByteBuffer frame(String key, byte[] value) {
        ByteBuffer k = ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8));
        ByteBuffer r = ByteBuffer.allocate(8 + k.remaining() + value.length);
        r.putInt(k.remaining()).put(k).putInt(value.length).put(value).flip();
        return r;
    }
}
