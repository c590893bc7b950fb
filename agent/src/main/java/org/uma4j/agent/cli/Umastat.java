package org.uma4j.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.uma4j.jfr.RecordingReader;

/**
 * {@code umastat <report.json | file.jfr | pid> [--json] [--top <n>]}: zones, top call sites and
 * findings.
 *
 * <p>Threading: one instance per run, single-threaded.
 */
final class Umastat {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] REQUIRED = {"config", "zones", "sites", "findings"};

    private final PrintStream out; // the table or the JSON
    private final PrintStream err; // one-line errors

    Umastat(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        boolean json = false;
        int top = 10;
        String target = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--top")) {
                if (i + 1 == args.length || !args[i + 1].matches("\\d{1,9}")) {
                    err.println("umastat: --top: " + (i + 1 == args.length ? "missing" : args[i + 1])
                            + " (expected: an integer >= 0)");
                    return Main.USAGE_STATUS;
                }
                top = Integer.parseInt(args[++i]);
            } else if (a.startsWith("-")) {
                err.println("umastat: unknown option '" + a + "' (expected: --json, --top <n>)");
                return Main.USAGE_STATUS;
            } else if (target == null) {
                target = a;
            } else {
                err.println("umastat: one target expected, got '" + target + "' and '" + a + "'");
                return Main.USAGE_STATUS;
            }
        }
        if (target == null) {
            err.println(Main.USAGE);
            return Main.USAGE_STATUS;
        }
        Loaded loaded;
        try {
            loaded = load(target);
        } catch (UmastatException e) {
            err.println(e.getMessage());
            return Main.USAGE_STATUS;
        }
        JsonNode report = loaded.report();
        String netstat = loaded.netstat();
        if (json) {
            try {
                out.println(JSON.writeValueAsString(report));
            } catch (IOException e) {
                err.println("umastat: cannot print the report (" + e + ")");
                return 1;
            }
        } else {
            new ReportPrinter(out).print(report, top);
            if (!netstat.isEmpty()) {
                out.println();
                out.print(netstat);
            }
        }
        return 0;
    }

    /** A target read: the report-shaped document and its netstat -m lines ("" without an mbuf family). */
    private record Loaded(JsonNode report, String netstat) {
    }

    private static Loaded load(String target) throws UmastatException {
        if (target.matches("\\d+")) {
            JsonNode live = LiveJvm.fetchReport(target);
            return new Loaded(live, ReportNetstat.render(live));
        }
        Path file = Path.of(target);
        if (target.endsWith(".jfr")) {
            RecordingReader recording = RecordingView.open(file);
            return new Loaded(RecordingView.toReport(file, recording), RecordingView.netstat(recording));
        }
        JsonNode report = readReport(file);
        return new Loaded(report, ReportNetstat.render(report));
    }

    /**
     * Reads and checks a report file.
     *
     * @param file the path
     * @return the report
     * @throws UmastatException with the one line to print
     */
    static JsonNode readReport(Path file) throws UmastatException {
        JsonNode report;
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length >= 4 && bytes[0] == 'F' && bytes[1] == 'L' && bytes[2] == 'R' && bytes[3] == 0) {
                // A recording without the .jfr suffix: read as such (no netstat -m lines here).
                return RecordingView.toReport(file, RecordingView.open(file));
            }
            report = JSON.readTree(bytes);
        } catch (NoSuchFileException e) {
            throw new UmastatException("umastat: " + file + ": no such file (expected: a uma4j JSON report or a pid)");
        } catch (IOException e) {
            throw new UmastatException("umastat: " + file + ": cannot read a JSON report ("
                    + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + ")");
        }
        return check(report, file.toString());
    }

    /**
     * Checks that a document is a uma4j report.
     *
     * @param report the parsed document
     * @param origin the file or pid, for the message
     * @return the report
     * @throws UmastatException naming the missing key
     */
    static JsonNode check(JsonNode report, String origin) throws UmastatException {
        if (report == null || !report.isObject()) {
            throw new UmastatException("umastat: " + origin + ": not a uma4j report (expected: a JSON object)");
        }
        for (String key : REQUIRED) {
            if (!report.has(key)) {
                throw new UmastatException("umastat: " + origin + ": not a uma4j report (missing key '" + key
                        + "'; expected: config, zones, sites, findings)");
            }
        }
        return report;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A failure whose message is the one line to print. */
    static final class UmastatException extends Exception {
        private static final long serialVersionUID = 1L;

        UmastatException(String line) {
            super(line);
        }
    }
}
