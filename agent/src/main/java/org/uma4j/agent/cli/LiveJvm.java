package org.uma4j.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.uma4j.agent.cli.Umastat.UmastatException;

/**
 * Fetches the report of a running JVM: attaches by pid and loads this jar into it with the
 * {@code dump=<file>} command, which makes the uma4j agent already running there write its
 * current report. Nothing is installed in the target; a JVM without the agent writes no file.
 *
 * <p>On JDK 21 and later the target prints a dynamic-agent-loading warning unless it runs with
 * {@code -XX:+EnableDynamicAgentLoading} (JEP 451).
 *
 * <p>Threading: one call per run.
 */
final class LiveJvm {

    private LiveJvm() {
    }

    static JsonNode fetchReport(String pid) throws UmastatException {
        Path jar = agentJar();
        Path dump;
        try {
            dump = Files.createTempFile("umastat-" + pid + "-", ".json");
            Files.delete(dump); // the target creates it only if its agent runs
        } catch (IOException e) {
            throw new UmastatException("umastat: cannot create a temporary file (" + e + ")");
        }
        try {
            VirtualMachine vm = VirtualMachine.attach(pid);
            try {
                vm.loadAgent(jar.toString(), "dump=" + dump);
            } finally {
                vm.detach();
            }
            if (!Files.exists(dump)) {
                throw new UmastatException("umastat: pid " + pid + " runs no uma4j agent (expected: a JVM started with -javaagent:"
                        + jar + ")");
            }
            return Umastat.readReport(dump);
        } catch (AttachNotSupportedException | IOException | AgentLoadException e) {
            throw new UmastatException("umastat: cannot attach to pid " + pid + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "; expected: the pid of a running JVM of the same user)");
        } catch (com.sun.tools.attach.AgentInitializationException e) {
            throw new UmastatException("umastat: the agent in pid " + pid + " failed to dump its report (" + e.getMessage() + ")");
        } finally {
            try {
                Files.deleteIfExists(dump);
            } catch (IOException ignored) {
                // a leftover temporary file
            }
        }
    }

    private static Path agentJar() throws UmastatException {
        try {
            Path p = Path.of(LiveJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(p)) {
                throw new UmastatException("umastat: a pid needs umastat to run from the agent jar (java -jar uma4j-agent.jar), not " + p);
            }
            return p;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new UmastatException("umastat: cannot locate the agent jar (" + e + ")");
        }
    }
}
