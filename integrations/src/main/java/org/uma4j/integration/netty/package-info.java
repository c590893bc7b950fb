/**
 * Netty (4.1 and 4.2) heap buffers from uma4j zones: {@link
 * org.uma4j.integration.netty.ZoneByteBufAllocator}, an {@code AbstractByteBufAllocator} whose
 * heap buffers are zone items (direct buffers come from Netty's own allocator), usable with
 * {@code ChannelOption.ALLOCATOR}; and {@link org.uma4j.integration.netty.NettyIntegration},
 * the agent's JDK-typed entry points that give channels of an unmodified application the
 * shared allocator. Reference counting stays Netty's; the last release frees the item, a
 * release after it is also reported by the debug layer, and Netty's
 * {@code ResourceLeakDetector} keeps wrapping sampled buffers.
 *
 * <p>Dependencies: {@code io.netty:netty-buffer} and {@code netty-transport} (provided),
 * {@code org.uma4j.integration}. Only {@code NettyIntegration} may be touched before Netty is
 * known to be present.
 *
 * <p>Threading: the allocator is safe for any thread; a buffer has one owner at a time and may
 * be retained and released from any thread, as every Netty buffer.
 */
package org.uma4j.integration.netty;
