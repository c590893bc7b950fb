/**
 * Runnable demos of uma4j, all in {@code sample-apps/target/uma4j-sample-apps.jar}.
 *
 * <p>Dependencies: the allocator (and, in later demos, the layers above it). Each demo is a
 * single-threaded or explicitly threaded program with a {@code main} method; none keeps state
 * between runs.
 */
package org.uma4j.samples;
