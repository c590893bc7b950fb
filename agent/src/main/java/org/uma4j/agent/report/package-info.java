/**
 * The exit report and its sources: zones, call sites and findings written as one JSON document
 * (Jackson, shaded), atomically, from a shutdown hook; the fail-on-findings gate; and the JFR
 * recording started by the {@code jfr} option.
 * Internal to the agent: types are public only for the agent's other packages. Findings and
 * zones come through two small interfaces, {@link org.uma4j.agent.report.FindingSource} and
 * {@link org.uma4j.agent.report.ZoneSource}, so the debug layer and the allocator plug in without
 * this package knowing them. {@link org.uma4j.agent.report.DebugFindings} adapts the debug layer (uma-dbg) and
 * {@link org.uma4j.agent.report.AllocatorZones} the allocator's zones. Depends on the JDK, Jackson,
 * {@code org.uma4j.agent.account}, {@code org.uma4j.alloc} and {@code org.uma4j.dbg}.
 * Threading: a report is built by one thread (the shutdown hook or a dump request) while the
 * application may still run; counters are read racily.
 */
package org.uma4j.agent.report;
