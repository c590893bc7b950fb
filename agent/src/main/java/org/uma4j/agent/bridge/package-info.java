/**
 * The bootstrap bridge: the only uma4j classes that instrumented application code links to.
 * Loaded by the boot class loader alone: the agent defines it there at install (or, where the
 * JDK does not allow that, appends a small jar to the boot class path), so every class loader
 * that delegates to its parent (application,
 * web-app and plugin loaders) sees the same classes. It depends on {@code java.*} only and holds
 * the agent's callbacks in {@code static volatile} slots typed with JDK interfaces or its own
 * {@link org.uma4j.agent.bridge.BufferRecorder}, and the table of site cells
 * ({@link org.uma4j.agent.bridge.SiteCell}) in which it counts a site's owner's calls itself,
 * with the bootstrap that hands a Java 11+ call site its cell as a dynamic constant; it
 * never names agent, allocator, Byte Buddy or
 * Jackson classes. Threading: every method may be called by any thread at any time, including
 * before the slots are filled (then it only delegates to the JDK).
 */
package org.uma4j.agent.bridge;
