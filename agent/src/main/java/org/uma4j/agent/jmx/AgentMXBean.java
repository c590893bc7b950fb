package org.uma4j.agent.jmx;

/**
 * The agent itself over JMX ({@code org.uma4j:type=Agent}, registered with {@code jmx=true}):
 * the current report, which {@code umastat <pid>} reads without loading anything into the JVM,
 * and the transformer's counters.
 *
 * <p>Threading: any JMX thread; values are read racily while the application runs.
 */
public interface AgentMXBean {

    /** @return the current report as JSON, the same document the agent writes at exit */
    String getReport();

    /** @return classes whose call sites were rewritten */
    long getTransformedClasses();

    /** @return classes that could not be rewritten and run unchanged */
    long getTransformFailures();
}
