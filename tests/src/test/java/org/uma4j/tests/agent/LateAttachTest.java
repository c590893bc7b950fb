package org.uma4j.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent attached to a running JVM retransforms the classes already loaded. */
class LateAttachTest {

    @TempDir
    Path dir;

    @Test
    void attachRetransformsLoadedClassesAndWritesTheReportAtExit() throws Exception {
        Path report = dir.resolve("late.json");
        Process app = ChildJvm.java().startApp("wait");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine()); // AgentTestApp is loaded, work() not yet run
            VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
            try {
                vm.loadAgent(ChildJvm.AGENT_JAR.toString(), "sample=1,report=" + report);
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
        JsonNode heap = Reports.siteAtLine(Reports.read(report), Reports.markers().get("heap"));
        assertEquals(100, heap.get("count").asLong());
    }
}
