/**
 * JMH benchmarks that measure uma4j side by side with its peers in the same run:
 * {@code ByteBuffer.allocate}, Netty's {@code PooledByteBufAllocator} (heap buffers, at its
 * defaults and with thread caches for all threads), Jetty's {@code ArrayByteBufferPool}, and the
 * memory-bandwidth floor of filling and comparing an item's bytes, and a bare zone-shaped loop
 * with trash's fill and verify ({@link org.uma4j.bench.TrashLoopBenchmark}, a reference).
 * {@link org.uma4j.bench.Ratios} turns JMH's JSON result into the ratio table and the {@code ratio <figure> ...} lines that
 * {@code benchmarks/run.sh} prints, each close pair's followed by its 95 % interval over forks
 * ({@link org.uma4j.bench.ForkBootstrap}). Two tools steer changes: {@link org.uma4j.bench.Compare}
 * reports a revision's jar against the working tree's ({@code benchmarks/compare.sh}), and
 * {@link org.uma4j.bench.AsmProfile} puts perf's samples on one compiled method's instructions
 * ({@code benchmarks/profile.sh}; it runs {@code objdump}).
 *
 * <p>Depends on {@code uma4j-allocator}, JMH, {@code netty-buffer}, {@code jetty-io} and Jackson
 * (for {@code Ratios} and {@code Compare}); {@code uma4j-jfr-events} for {@link org.uma4j.bench.Uma4jZoneJfrBenchmark},
 * and {@code jetty-server} for {@link org.uma4j.bench.JettyStartStop}, the child JVM that
 * {@link org.uma4j.bench.AgentStartup} (not JMH) times with and without the agent jar. Threading: every single-thread benchmark keeps its subject in a
 * {@code Scope.Thread} state; {@link org.uma4j.bench.ProducerConsumerBenchmark} is the only one
 * that shares a subject between two threads, through {@link org.uma4j.bench.SpscHandoff}.
 *
 * <p>Every fork runs with a fixed 2 GiB heap and {@code -XX:+AlwaysPreTouch}: without them
 * anything that allocates is wildly noisy on the project's 2-core machines.
 */
package org.uma4j.bench;
