/**
 * Framework integrations: heap buffers of libraries that release explicitly (Netty's
 * {@code ByteBuf}, Jetty's {@code RetainableByteBuffer}) served from uma4j zones, so that the
 * debug layer's trash/verify, duplicate-free, stale-handle and leak detection apply to real
 * traffic (DESIGN §4.6, second tier). {@link org.uma4j.integration.BufZones} holds the
 * size-class zones (64 B to 64 KiB, per-item layout) that both integrations use; the
 * subpackages adapt them to each framework.
 *
 * <p>Dependencies: {@code org.uma4j.alloc}; {@code org.uma4j.dbg} only to find an installed
 * debug layer (call-site frames, access records), linked lazily so that this package runs
 * without it. Netty and Jetty are {@code provided}: nothing here names them, and the
 * subpackages' agent entry points ({@code NettyIntegration}, {@code JettyIntegration}) link and
 * answer without them.
 *
 * <p>Threading: every public type is safe for any thread; the zones' own rules apply.
 */
package org.uma4j.integration;
