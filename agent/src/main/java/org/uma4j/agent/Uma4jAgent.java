package org.uma4j.agent;

import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The java agent: {@code java -javaagent:uma4j-agent.jar=include=com.acme.*,report=uma4j.json -jar app.jar}.
 *
 * <p>{@link #premain} (start-up) and {@link #agentmain} (late attach) share one install, guarded
 * by a CAS flag: the second install in a JVM, whichever entry it comes through, does nothing.
 * A bad option prints {@code uma4j: bad option 'key=value' (expected: ...)} and the application
 * runs uninstrumented; with {@code strict=true} the JVM exits with {@link #CONFIG_STATUS} at
 * start-up, and a late attach fails.
 *
 * <p>{@code agentmain} also accepts the command {@code dump=<path>}, which writes the running
 * agent's report to a path without installing anything; {@code umastat <pid>} uses it.
 *
 * <p>Threading: the entry points may be called by any thread; install runs at most once.
 */
public final class Uma4jAgent {

    /** Exit status when {@code strict=true} and the configuration or install fails at start-up. */
    public static final int CONFIG_STATUS = 2;

    private static final AtomicBoolean INSTALLED = new AtomicBoolean(); // CAS: first install wins
    private static volatile AgentRuntime runtime; // set once installed, null if install failed

    private Uma4jAgent() {
    }

    /**
     * Entry point for {@code -javaagent}.
     *
     * @param args the agent argument string
     * @param inst the JVM's instrumentation
     */
    public static void premain(String args, Instrumentation inst) {
        install(args, inst, false, System.err);
    }

    /**
     * Entry point for late attach; also takes the {@code dump=<path>} command.
     *
     * @param args the agent argument string
     * @param inst the JVM's instrumentation
     */
    public static void agentmain(String args, Instrumentation inst) {
        if (args != null && args.startsWith("dump=")) {
            dump(Path.of(args.substring("dump=".length())));
            return;
        }
        install(args, inst, true, System.err);
    }

    /**
     * Installs the agent unless already installed.
     *
     * @param args the agent argument string
     * @param inst the JVM's instrumentation
     * @param late whether classes may already be loaded (attach) and must be retransformed
     * @param err where the one-line messages go
     * @return true if this call installed the agent
     */
    static boolean install(String args, Instrumentation inst, boolean late, PrintStream err) {
        if (!INSTALLED.compareAndSet(false, true)) {
            return false; // a second -javaagent, or an attach after -javaagent
        }
        AgentOptions options;
        try {
            options = AgentOptions.parse(args, System.getProperties(), System.getenv());
        } catch (BadOptionException e) {
            err.println(e.getMessage());
            fail(AgentOptions.strictRequested(args, System.getProperties(), System.getenv()), late, err, e.getMessage());
            return false;
        }
        if (options.verbose()) {
            err.println("uma4j: config " + options);
        }
        try {
            runtime = AgentRuntime.start(options, inst, late, err);
            return true;
        } catch (AgentRuntime.InstallFailure e) {
            err.println(e.getMessage());
            fail(options.strict(), late, err, e.getMessage());
            return false;
        } catch (Throwable t) {
            String line = "uma4j: agent failed to install (" + t + "); running uninstrumented";
            err.println(line);
            fail(options.strict(), late, err, line);
            return false;
        }
    }

    /**
     * Undoes the install, for tests that need a JVM without the agent again: the transformer and
     * recorder are removed, rewritten classes are retransformed back, the exit report, MBeans
     * and limit configurer are removed, and a later install may run again.
     *
     * <pre>{@code
     * assertTrue(Uma4jAgent.uninstall());   // after -javaagent:uma4j-agent.jar
     * }</pre>
     *
     * @return true if an installed agent was removed, false if none was installed
     */
    public static synchronized boolean uninstall() {
        AgentRuntime r = runtime;
        if (r == null) {
            return false;
        }
        r.stop();
        runtime = null;
        INSTALLED.set(false); // released last: a new install sees a clean JVM
        return true;
    }

    private static void fail(boolean strict, boolean late, PrintStream err, String why) {
        if (!strict) {
            return;
        }
        if (late) {
            throw new IllegalStateException(why); // refuses the attach; the target JVM runs on
        }
        err.println("uma4j: strict=true: exiting with status " + CONFIG_STATUS);
        err.flush();
        System.exit(CONFIG_STATUS);
    }

    private static void dump(Path path) {
        AgentRuntime r = runtime;
        if (r == null) {
            return; // not installed: no file, which umastat reports
        }
        try {
            r.dump(path);
        } catch (Exception e) {
            System.err.println("uma4j: cannot write report " + path + " (" + e + ")");
        }
    }
}
