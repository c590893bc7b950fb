package org.uma4j.agent.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code java -jar uma4j-agent.jar <command> ...}: dispatches to a command. The one command is
 * {@code umastat}.
 *
 * <pre>{@code
 * java -jar uma4j-agent.jar umastat target/uma4j-report.json
 * java -jar uma4j-agent.jar umastat app.jfr
 * java -jar uma4j-agent.jar umastat 12345 --json
 * }</pre>
 */
public final class Main {

    /** Exit status for bad usage, an unreadable file or an unreachable pid. */
    public static final int USAGE_STATUS = 2;

    static final String USAGE = "usage: java -jar uma4j-agent.jar umastat <report.json | file.jfr | pid> [--json] [--top <n>]";

    private Main() {
    }

    /**
     * Runs a command and exits with its status.
     *
     * @param args the command and its arguments
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs a command.
     *
     * @param args the command and its arguments
     * @param out where results go
     * @param err where errors go
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE);
            return 0;
        }
        if (args.length == 0 || !args[0].equals("umastat")) {
            err.println(args.length == 0 ? USAGE : "uma4j: unknown command '" + args[0] + "' (expected: umastat)");
            return USAGE_STATUS;
        }
        return new Umastat(out, err).run(Arrays.copyOfRange(args, 1, args.length));
    }
}
