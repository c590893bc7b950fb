package org.uma4j.agent.report;

/**
 * One debug finding as the report shows it, for example a leak or a duplicate free.
 *
 * @param kind what was found, for example {@code leak} or {@code duplicate-free}
 * @param zone the zone's name, or null
 * @param item the item's index in its zone, or -1 when not known
 * @param site where the item was allocated (or freed), as {@code Class.method(File.java:42)}, or null
 * @param detail a one-line description, as the {@code uma4j:} log line says it
 */
public record Finding(String kind, String zone, long item, String site, String detail) {
}
