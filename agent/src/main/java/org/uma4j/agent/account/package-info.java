/**
 * Call-site accounting: the call sites found at instrumentation time, their counters per size
 * class, and the sampled liveness tracking that estimates the bytes still reachable.
 * Internal to the agent: types are public only so that the agent's other packages can use
 * them. Depends on the JDK and on the bridge's {@code BufferRecorder}, which
 * {@link org.uma4j.agent.account.Accounting} implements: in the agent it must be loaded after
 * the bridge is on the boot class path, as {@code AgentRuntime} does. Threading:
 * {@link org.uma4j.agent.account.SiteRegistry} is written by class-loading threads
 * (transformation) and read by allocating threads; a site's owner thread counts in the site's
 * bridge {@code SiteCell} (the bridge adds to it itself), other platform threads in a stripe of
 * that cell each (likewise) or, when a live thread holds theirs, in counters of their own, all
 * with plain stores, folded by readers ({@code PerThreadCounts}); virtual threads' counts and
 * the rare liveness samples in striped adders; sampled references are processed by one daemon
 * thread, off the allocating threads.
 */
package org.uma4j.agent.account;
