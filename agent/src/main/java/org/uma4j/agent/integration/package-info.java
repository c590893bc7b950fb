/**
 * Installs uma4j's Netty and Jetty integrations in unmodified applications ({@code netty=on},
 * {@code jetty=on}): a class file transformer inserts one bridge call into Netty's
 * {@code DefaultChannelConfig} constructors and Jetty's {@code Server.doStart()}, and the
 * bridge's consumers define the integration classes, stored in the agent jar as resources
 * under {@code META-INF/uma4j/integrations/}, in a loader over the framework's own class
 * loader, then call their entry point. Depends on the agent's bridge, Byte Buddy's repackaged
 * ASM and, by name only, on {@code org.uma4j.integration}; never on Netty or Jetty classes.
 * Threading: the transformer runs on class-loading threads, the consumers on the threads that
 * create channels or start servers; all state is in class values, atomics and volatiles.
 */
package org.uma4j.agent.integration;
