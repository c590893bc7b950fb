/**
 * The mbuf layer (mbuma) over the UMA core: mbufs, clusters and the Packet zone, mbuf chains
 * and packet queues, and {@code netstat -m}.
 *
 * <p>{@link org.uma4j.mbuf.Mbufs} is a family of zones: {@code mbuf} (256-byte items, the data
 * area in the item's bytes, the header in the {@link org.uma4j.mbuf.Mbuf} object), {@code cluster}
 * (2 KiB, refcounted), {@code packet} (a secondary zone on the mbuf keg whose cached mbufs keep
 * a cluster attached, so {@code getcl} is one cache pop), and the jumbo zones {@code jumbop},
 * {@code jumbo9} and {@code jumbo16}, each with a limit that a cluster shortage meets by
 * draining the packet zone first. {@link org.uma4j.mbuf.MbufChain} and
 * {@link org.uma4j.mbuf.MbufData} are FreeBSD's chain routines, with clusters shared by
 * reference count and never copied; {@link org.uma4j.mbuf.MbufQueue} is the bounded packet
 * queue; {@link org.uma4j.mbuf.MbufStats} renders {@code netstat -m}. Byte layouts are drawn
 * in {@link org.uma4j.mbuf.MbufDescriptor}.
 *
 * <p>Dependencies: {@code org.uma4j.alloc} and the JDK ({@code java.base}) only.
 *
 * <p>Threading: families and their zones are safe for any thread. A chain or a queue has one
 * owner at a time and is handed over with a happens-before edge; the routines take no locks.
 * Only reference counts on shared clusters are atomic, so chains that share storage may be
 * freed on different threads. Steady-state {@code getcl} and {@code freem} allocate nothing
 * on the Java heap.
 */
package org.uma4j.mbuf;
