/**
 * JMX for the allocator's zones: one {@link org.uma4j.agent.jmx.ZoneMXBean} per zone of
 * {@link org.uma4j.alloc.ZoneRegistry#global()}, named {@code org.uma4j:type=Zone,name=<zone>},
 * with the zone's statistics as attributes, a writable {@code Limit} (the JVM's
 * {@code sysctl kern.ipc.nmbclusters}) and {@code drain}/{@code reclaim} operations.
 * Zones that exist at install are registered then; zones built later are registered at their
 * first slab, seen through a {@link org.uma4j.alloc.ZoneObserver} that a configurer adds to every
 * new zone. Internal to the agent: public only for JMX and the agent's entry package. Depends on
 * the JDK's {@code java.management} and the allocator. Threading: registration may happen on any
 * allocating thread (a slow path) and is idempotent; MBean calls come on JMX threads.
 */
package org.uma4j.agent.jmx;
