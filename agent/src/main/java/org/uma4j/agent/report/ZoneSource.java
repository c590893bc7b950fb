package org.uma4j.agent.report;

import java.util.List;

/**
 * Supplies zone rows to the report. Called once per report by the reporting thread; may
 * allocate; an exception is logged in one line and the report is written without this source.
 */
@FunctionalInterface
public interface ZoneSource {

    /** @return the current rows */
    List<ZoneRow> zones();
}
