package org.uma4j.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.uma4j.agent.cli.Umastat.UmastatException;

/**
 * Fetches the report of a running JVM by pid, through the attach API.
 *
 * <p>The agent marks the JVM it runs in with the system property {@code uma4j.agent.installed},
 * and {@code uma4j.agent.jmx=true} when its MBeans are registered. Then:
 * <ol>
 *   <li>no mark: the JVM runs no agent; nothing is loaded into it;</li>
 *   <li>{@code jmx=true}: the report is read from the {@code org.uma4j:type=Agent} MBean over the
 *       JVM's local JMX connector (started if needed, as JConsole does);</li>
 *   <li>otherwise this jar is loaded into it with the {@code dump=<file>} command, which makes
 *       the agent already running there write its current report. On JDK 21 and later the
 *       target prints a dynamic-agent-loading warning unless it runs with
 *       {@code -XX:+EnableDynamicAgentLoading} (JEP 451); {@code jmx=true} avoids it.</li>
 * </ol>
 *
 * <p>Threading: one call per run.
 */
final class LiveJvm {

    private LiveJvm() {
    }

    static JsonNode fetchReport(String pid) throws UmastatException {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(pid);
        } catch (AttachNotSupportedException | IOException e) {
            throw new UmastatException("umastat: cannot attach to pid " + pid + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "; expected: the pid of a running JVM of the same user)");
        }
        try {
            Properties props = vm.getSystemProperties();
            if (!"true".equals(props.getProperty("uma4j.agent.installed"))) {
                throw new UmastatException("umastat: pid " + pid + " runs no uma4j agent (expected: a JVM started with "
                        + "-javaagent:" + agentJarOrName() + ")");
            }
            return "true".equals(props.getProperty("uma4j.agent.jmx")) ? overJmx(vm, pid) : byDump(vm, pid);
        } catch (IOException e) {
            throw new UmastatException("umastat: lost pid " + pid + " while reading its report (" + e + ")");
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the target went away; the report, if any, is already read
            }
        }
    }

    private static JsonNode overJmx(VirtualMachine vm, String pid) throws IOException, UmastatException {
        JMXServiceURL url = new JMXServiceURL(vm.startLocalManagementAgent());
        try (JMXConnector c = JMXConnectorFactory.connect(url)) {
            MBeanServerConnection server = c.getMBeanServerConnection();
            String json = (String) server.getAttribute(new ObjectName("org.uma4j:type=Agent"), "Report");
            return Umastat.check(new ObjectMapper().readTree(json), "pid " + pid);
        } catch (JMException e) {
            throw new UmastatException("umastat: pid " + pid + ": cannot read org.uma4j:type=Agent over JMX (" + e + ")");
        }
    }

    private static JsonNode byDump(VirtualMachine vm, String pid) throws IOException, UmastatException {
        Path dump = Files.createTempFile("umastat-" + pid + "-", ".json");
        try {
            Files.delete(dump); // created by the target's agent
            vm.loadAgent(agentJar().toString(), "dump=" + dump);
            if (!Files.exists(dump)) {
                throw new UmastatException("umastat: pid " + pid + ": its agent wrote no report (see its standard error)");
            }
            return Umastat.readReport(dump);
        } catch (AgentLoadException | AgentInitializationException e) {
            throw new UmastatException("umastat: pid " + pid + ": its agent failed to dump the report (" + e + ")");
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    private static String agentJarOrName() {
        try {
            return agentJar().toString();
        } catch (UmastatException e) {
            return "uma4j-agent.jar";
        }
    }

    private static Path agentJar() throws UmastatException {
        try {
            Path p = Path.of(LiveJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(p)) {
                throw new UmastatException("umastat: a pid needs umastat to run from the agent jar "
                        + "(java -jar uma4j-agent.jar), not from " + p);
            }
            return p;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new UmastatException("umastat: cannot locate the agent jar (" + e + ")");
        }
    }
}
