/**
 * uma4j's zones in JDK Flight Recorder and JDK Mission Control: custom event types for zone,
 * mbuf and call-site statistics, slab grow and release, limits, reclaims, per-item allocations
 * and debug findings; the {@code .jfc} settings that select them; and a reader that turns a
 * recording back into {@code umastat}'s tables.
 *
 * <p>Entry points: {@link org.uma4j.jfr.UmaJfr} (install, sources of periodic statistics,
 * settings files) and {@link org.uma4j.jfr.RecordingReader}. Event classes are
 * package-private; their stable names ({@code org.uma4j.ZoneStatistics}, ...) are listed by
 * {@link org.uma4j.jfr.UmaJfr#eventNames()} and tabled in the README's JFR guide.
 *
 * <p>Dependencies: {@code org.uma4j.alloc} (the {@code ZoneObserver}, {@code ItemObserver} and
 * {@code ZoneConfigurer} SPIs, {@code ZoneStats}), {@code org.uma4j.dbg} (findings, through
 * its {@code FindingListener}), and {@code jdk.jfr}. All JFR code sits behind one seam: event
 * types are {@code @Registered(false)} and registered only when the Flight Recorder
 * initialises; every emitting call is guarded by {@code isEnabled()} before a field is
 * computed; and {@code UmaJfr} checks for the {@code jdk.jfr} module before it links any JFR
 * class, so the package degrades to a no-op where JFR is absent.
 *
 * <p>Threading: observers run on the allocating or freeing thread with no lock held and keep
 * no shared mutable state; periodic statistics run on JFR's periodic thread; install and
 * uninstall are serialised by {@code UmaJfr}.
 */
package org.uma4j.jfr;
