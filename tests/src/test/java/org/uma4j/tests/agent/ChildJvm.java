package org.uma4j.tests.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Starts child JVMs with the shaded agent, as a user would, and collects exit code and output. */
public final class ChildJvm {

    /** The shaded agent jar built by the agent module. */
    public static final Path AGENT_JAR = Path.of(System.getProperty("uma4j.agent.jar", "../agent/target/uma4j-agent.jar"));
    /** This module's compiled test classes: the child's class path. */
    static final Path TEST_CLASSES = Path.of(System.getProperty("uma4j.test.classes", "target/test-classes"));
    /** {@link #TEST_CLASSES} as a class path entry, for tests in other packages. */
    public static final String TEST_CLASSES_PATH = TEST_CLASSES.toString();
    /** The allocator's classes, for apps that use zones. */
    static final Path ALLOCATOR_CLASSES = Path.of(System.getProperty("uma4j.allocator.classes", "../allocator/target/classes"));

    private final List<String> command = new ArrayList<>(); // java and its arguments
    private final Map<String, String> env = new HashMap<>(); // extra environment variables

    private ChildJvm(String javaHome) {
        assertTrue(Files.isRegularFile(AGENT_JAR), "no agent jar at " + AGENT_JAR + " (build with: mvn -B -DskipTests package)");
        command.add(Path.of(javaHome, "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
    }

    /** A child on the JDK running the tests. */
    public static ChildJvm java() {
        return new ChildJvm(System.getProperty("java.home"));
    }

    /** A child on another JDK. */
    public static ChildJvm java(String javaHome) {
        return new ChildJvm(javaHome);
    }

    /** Adds {@code -javaagent:<jar>=<args>} (no {@code =} when args is null). */
    public ChildJvm agent(String args) {
        command.add("-javaagent:" + AGENT_JAR + (args == null ? "" : "=" + args));
        return this;
    }

    ChildJvm jvmArg(String arg) {
        command.add(arg);
        return this;
    }

    ChildJvm env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Runs the test app to completion. */
    public Result runApp(String... appArgs) {
        return run(List.of("-cp", TEST_CLASSES.toString(), AgentTestApp.class.getName()), appArgs);
    }

    /** Runs a main class of this module to completion, with the agent jar on the class path. */
    Result runMain(Class<?> main, String... appArgs) {
        String cp = TEST_CLASSES + java.io.File.pathSeparator + AGENT_JAR;
        return run(List.of("-cp", cp, main.getName()), appArgs);
    }

    /**
     * Runs a main class of the test classes to completion, with more class path entries (for
     * example Netty's jars) and no uma4j module: only -javaagent adds the agent jar.
     */
    public Result runWith(String extraClassPath, Class<?> main, String... appArgs) {
        String cp = extraClassPath.isEmpty() ? TEST_CLASSES.toString() : TEST_CLASSES + java.io.File.pathSeparator + extraClassPath;
        return run(List.of("-cp", cp, main.getName()), appArgs);
    }

    /** Runs the allocator test app to completion. */
    Result runAllocatorApp(String... appArgs) {
        return runAllocatorApp(AllocatorTestApp.class, appArgs);
    }

    /** Runs a main class that uses the allocator to completion. */
    Result runAllocatorApp(Class<?> main, String... appArgs) {
        String cp = TEST_CLASSES + java.io.File.pathSeparator + ALLOCATOR_CLASSES;
        return run(List.of("-cp", cp, main.getName()), appArgs);
    }

    /** The sample apps' self-contained jar built by the sample-apps module. */
    static final Path SAMPLES_JAR = Path.of(System.getProperty("uma4j.samples.jar",
            "../sample-apps/target/uma4j-sample-apps.jar"));

    /** Runs a main class of the sample apps' jar to completion. */
    Result runSample(String mainClass, String... appArgs) {
        assertTrue(Files.isRegularFile(SAMPLES_JAR), "no sample apps jar at " + SAMPLES_JAR);
        return run(List.of("-cp", SAMPLES_JAR.toString(), mainClass), appArgs);
    }

    /** Runs {@code java -jar <agent jar> <args>}. */
    Result runAgentJar(String... args) {
        return run(List.of("-jar", AGENT_JAR.toString()), args);
    }

    /** Starts the test app and returns the running process. */
    Process startApp(String... appArgs) throws IOException {
        return start(AgentTestApp.class, appArgs);
    }

    /** Starts a main class of this module, with the allocator on the class path. */
    Process start(Class<?> main, String... appArgs) throws IOException {
        return startWith(ALLOCATOR_CLASSES.toString(), main, appArgs);
    }

    /** Starts a main class of the test classes, with more class path entries, and returns the running process. */
    public Process startWith(String extraClassPath, Class<?> main, String... appArgs) throws IOException {
        List<String> cmd = new ArrayList<>(command);
        String cp = TEST_CLASSES + java.io.File.pathSeparator + extraClassPath;
        cmd.addAll(List.of("-cp", cp, main.getName()));
        cmd.addAll(List.of(appArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        return pb.start();
    }

    private Result run(List<String> main, String... args) {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(main);
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            return Result.of(p, cmd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exit status and output of a finished child. */
    public record Result(int exit, String out, String err, List<String> command) {

        static Result of(Process p, List<String> cmd) {
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("child JVM timed out: " + cmd);
                }
                return new Result(p.exitValue(), out.get(), err.get(), cmd);
            } catch (Exception e) {
                throw new AssertionError("child JVM failed: " + cmd, e);
            }
        }

        static String drain(InputStream in) {
            try (in) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                return b.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Standard error without the JVM's CDS notice, which the bridge's fallback (a jar appended to the boot class path) causes. */
        public List<String> errLines() {
            List<String> lines = new ArrayList<>();
            for (String l : err.split("\\R")) {
                if (!l.isBlank() && !l.contains("Sharing is only supported for boot loader classes")) {
                    lines.add(l);
                }
            }
            return lines;
        }

        @Override
        public String toString() {
            return "exit " + exit + " of " + command + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
