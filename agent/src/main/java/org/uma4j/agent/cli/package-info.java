/**
 * The command-line tools in the agent jar: {@code java -jar uma4j-agent.jar umastat ...}.
 * {@code umastat} reads a JSON report (a file written by the agent, or fetched from a live JVM
 * by pid through the attach API) and prints a {@code vmstat -z}-style zone table, the top call
 * sites and the findings, or the report itself with {@code --json}. Depends on the JDK
 * ({@code jdk.attach} for pids), Jackson and the report's field names. Threading: single-threaded;
 * each run prints to the streams it is given and returns an exit status.
 */
package org.uma4j.agent.cli;
