package org.uma4j.agent.report;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The shutdown hook: writes the report (if a path is set), then applies the fail-on-findings
 * gate by halting the JVM with {@link #FINDINGS_STATUS}.
 *
 * <p>{@code Runtime.halt} is used because {@code System.exit} would block inside a shutdown hook;
 * halting skips the hooks that have not run yet, so the report is written before the gate.
 *
 * <p>Threading: {@link #run()} runs once, on the shutdown hook thread (or a test's thread).
 */
public final class ExitReport implements Runnable {

    /** Exit status of a JVM halted by the fail-on-findings gate. */
    public static final int FINDINGS_STATUS = 3;

    private final ReportWriter writer; // builds the report
    private final Path target; // report path, or null for none
    private final boolean failOnFindings; // whether findings halt the JVM
    private final IntConsumer halt; // Runtime.getRuntime()::halt in production
    private final PrintStream log; // where the one-line messages go
    private final Runnable before; // finished before the report: the JFR recording

    /**
     * Creates the hook.
     *
     * @param writer builds the report
     * @param target the report path, or null
     * @param failOnFindings whether findings halt the JVM
     * @param halt halts with a status
     * @param log standard error in production
     */
    public ExitReport(ReportWriter writer, Path target, boolean failOnFindings, IntConsumer halt, PrintStream log) {
        this(writer, target, failOnFindings, halt, log, () -> { });
    }

    /**
     * Creates the hook with work to finish first (the JFR recording), so that a halt for
     * findings cannot cut it short.
     */
    public ExitReport(ReportWriter writer, Path target, boolean failOnFindings, IntConsumer halt, PrintStream log,
            Runnable before) {
        this.before = before;
        this.writer = writer;
        this.target = target;
        this.failOnFindings = failOnFindings;
        this.halt = halt;
        this.log = log;
    }

    @Override
    public void run() {
        try {
            before.run();
        } catch (RuntimeException | LinkageError e) {
            log.println("uma4j: cannot finish the JFR recording (" + e + ")");
        }
        List<Finding> findings = writer.findings();
        if (target != null) {
            try {
                ReportWriter.write(target, writer.build(findings));
            } catch (Exception e) {
                log.println("uma4j: cannot write report " + target + " (" + e + ")");
            }
        }
        if (failOnFindings && !findings.isEmpty()) {
            log.println("uma4j: " + findings.size() + " finding(s) and failOnFindings=true: exiting with status "
                    + FINDINGS_STATUS + (target == null ? "" : "; see " + target));
            log.flush();
            halt.accept(FINDINGS_STATUS);
        }
    }
}
