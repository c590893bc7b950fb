package org.uma4j.agent.report;

import java.util.List;

/**
 * Supplies findings to the report. Called once per report, by the reporting thread (the
 * shutdown hook at exit); may allocate; must not block for long; an exception is logged in one
 * line and the report is written without this source's findings.
 */
@FunctionalInterface
public interface FindingSource {

    /** @return the findings so far, in the order to report them */
    List<Finding> findings();
}
