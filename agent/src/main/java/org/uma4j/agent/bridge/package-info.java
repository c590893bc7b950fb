/**
 * The bootstrap bridge: the only uma4j classes that instrumented application code links to.
 * Loaded by the boot class loader alone (the agent defines it there at install, or appends a
 * small jar to the boot class path), so every delegating class loader sees the same classes.
 * Depends on {@code java.*} only: the agent's callbacks sit in {@code static volatile} slots
 * typed with JDK interfaces or {@link org.uma4j.agent.bridge.BufferRecorder}, beside the site
 * cells ({@link org.uma4j.agent.bridge.SiteCell}) in which a site's owner thread is counted.
 * Every method may be called by any thread at any time, before the slots are filled too (it
 * then only delegates to the JDK).
 */
package org.uma4j.agent.bridge;
