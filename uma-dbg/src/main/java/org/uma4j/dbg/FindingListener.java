package org.uma4j.dbg;

/**
 * Receives every {@link Finding}: how the JFR module, the agent's report and the JUnit
 * extension learn about violations.
 *
 * <pre>{@code
 * dbg.findings().addListener(f -> failures.add(f));
 * }</pre>
 *
 * <p>Assumptions and guarantees:
 * <ol>
 *   <li>Called on the thread that found the violation (an allocating or freeing thread, or
 *       the thread that polls for GC-tracked leaks or closes a scope), with no zone, keg or
 *       debug-layer lock held, before the policy acts (so before an exception is thrown or the
 *       VM halts).</li>
 *   <li>Listeners are called in the order added. They may allocate and may block briefly; they
 *       must not allocate from the zone being reported.</li>
 *   <li>An exception from a listener is caught and printed once per listener class; it never
 *       changes the policy's outcome and never reaches the allocator.</li>
 * </ol>
 */
@FunctionalInterface
public interface FindingListener {

    /**
     * Handles one finding.
     *
     * @param finding the violation
     */
    void onFinding(Finding finding);
}
