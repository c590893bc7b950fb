package org.uma4j.tests.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uma4j.tests.agent.ChildJvm;

/** {@code netty=on} attached to a running JVM retransforms Netty's channel configuration, already loaded. */
class NettyOnLateAttachTest {

    @TempDir
    Path dir;

    @Test
    void attachRetransformsDefaultChannelConfigAndChannelsMadeLaterUseTheZones() throws Exception {
        Path report = dir.resolve("late.json");
        Process app = ChildJvm.java().startWith(FrameworkRuns.classPath(), NettyEchoApp.class, "wait");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
            try {
                vm.loadAgent(ChildJvm.AGENT_JAR.toString(), "netty=on,report=" + report);
            } finally {
                vm.detach();
            }
            try (OutputStream in = app.getOutputStream()) {
                in.write('\n');
            }
            assertEquals("app-ok", out.readLine());
            assertTrue(app.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, app.exitValue());
        } finally {
            app.destroyForcibly();
        }
        FrameworkRuns.zonesUsed(FrameworkRuns.report(report), "netty");
    }
}
