/**
 * Jetty 12 heap buffers from uma4j zones: {@link
 * org.uma4j.integration.jetty.ZoneByteBufferPool}, a {@code ByteBufferPool} whose
 * {@code acquire(size, false)} returns a {@code RetainableByteBuffer} over a zone item (direct
 * buffers come from an {@code ArrayByteBufferPool}), installable on a server that is not
 * started; and {@link org.uma4j.integration.jetty.JettyIntegration}, the agent's JDK-typed entry
 * points. Reference counting stays Jetty's; the last release frees the item, a release after
 * it is also reported by the debug layer.
 *
 * <p>Dependencies: {@code org.eclipse.jetty:jetty-io} and {@code jetty-server} 12 (provided),
 * {@code org.uma4j.integration}. Only {@code JettyIntegration} may be touched before Jetty is
 * known to be present.
 *
 * <p>Threading: the pool is safe for any thread; a buffer has one owner at a time and may be
 * retained and released from any thread, as every Jetty buffer.
 */
package org.uma4j.integration.jetty;
