/**
 * The java agent's entry points and options: {@link org.uma4j.agent.Uma4jAgent} ({@code premain},
 * {@code agentmain}) and {@link org.uma4j.agent.AgentOptions}.
 * Install order: options, bootstrap bridge, recorder, transformer, self-test probe,
 * retransformation of already loaded classes (late attach), exit report, JFR recording, zone
 * limits, MBeans; {@code Uma4jAgent.uninstall()} undoes it for tests. Any
 * failure prints one {@code uma4j:} line and leaves the application running uninstrumented,
 * unless {@code strict=true}. Depends on every other agent package. Threading: install runs once
 * (a CAS flag makes a second install a no-op), on the thread that calls {@code premain} or
 * {@code agentmain}.
 */
package org.uma4j.agent;
