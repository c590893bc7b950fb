package org.uma4j.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bridge goes into the boot loader without touching the boot class path: its classes are
 * defined directly (no jar is their source), the JVM prints no class-data-sharing notice, and
 * the helper that defines them never loads in the agent's own loader.
 */
class BridgeInBootLoaderTest {

    private static final String BRIDGE = "org.uma4j.agent.bridge.";

    @Test
    void bridgeIsDefinedInTheBootLoaderWithNoJarAndNoNotice() {
        ChildJvm.Result r = ChildJvm.java().jvmArg("-Xlog:class+load=info:stdout").agent("sample=1").runApp();
        assertEquals(0, r.exit(), r.toString());
        List<String> bridge = r.out().lines().filter(l -> l.contains("class,load") && l.contains(BRIDGE))
                .collect(Collectors.toList());
        assertEquals(4, bridge.size(), "BufferRecorder, SiteCell, BufferHooks, FrameworkHooks, once each: " + bridge);
        for (String l : bridge) {
            assertTrue(l.endsWith("source: __JVM_DefineClass__"), "defined directly, not from a jar: " + l);
        }
        List<String> definer = r.out().lines().filter(l -> l.contains("class,load") && l.contains(".BootDefiner "))
                .collect(Collectors.toList());
        assertEquals(1, definer.size(), "BootDefiner, once, in its throwaway loader only: " + definer);
        assertFalse(r.err().contains("Sharing is only supported"), "no CDS notice: " + r.err());
    }

    /** The fallback, forced: the bridge comes from a jar on the boot class path, and still counts. */
    @Test
    void bridgeEqualsJarAppendsTheJarAndTheAppIsStillAccounted() throws Exception {
        Path report = Files.createTempFile("uma4j-bridge-jar", ".json");
        ChildJvm.Result r = ChildJvm.java().jvmArg("-Xlog:class+load=info:stdout")
                .agent("bridge=jar,include=org.uma4j.tests.agent.*,report=" + report).runApp();
        assertEquals(0, r.exit(), r.toString());
        List<String> bridge = r.out().lines().filter(l -> l.contains("class,load") && l.contains(BRIDGE))
                .collect(Collectors.toList());
        assertFalse(bridge.isEmpty(), r.toString());
        for (String l : bridge) {
            assertTrue(l.matches(".*source: .*bridge-[0-9a-f]+\\.jar$"), "from the appended jar: " + l);
        }
        assertTrue(r.out().lines().noneMatch(l -> l.contains(".BootDefiner ")), "no direct definition tried");
        String json = Files.readString(report);
        assertTrue(json.contains("\"bridge\" : \"jar\""), json);
        assertTrue(json.contains("\"call\" : \"allocate\""), "rewritten calls accounted: " + json);
    }
}
