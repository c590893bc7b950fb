package org.uma4j.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad option prints one line and the app runs uninstrumented; strict=true makes it fatal. */
class BadOptionLeavesAppRunningTest {

    @TempDir
    Path dir;

    @Test
    void badValuePrintsOneLineAndTheAppRunsUninstrumented() {
        Path report = dir.resolve("r.json");
        ChildJvm.Result r = ChildJvm.java().agent("report=" + report + ",debug=loud").runApp();
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("app-ok"), r.toString());
        assertEquals(List.of("uma4j: bad option 'debug=loud' (expected: off|basic|full)"), r.errLines(), r.toString());
        assertFalse(Files.exists(report), "uninstrumented: no report");
    }

    @Test
    void unknownKeyPrintsOneLineNamingTheKnownKeys() {
        ChildJvm.Result r = ChildJvm.java().agent("inclde=com.acme.*").runApp();
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("app-ok"), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.errLines().get(0).startsWith("uma4j: bad option 'inclde=com.acme.*' (expected: a key among include,"),
                r.toString());
    }

    @Test
    void badSystemPropertyIsReportedTheSameWay() {
        ChildJvm.Result r = ChildJvm.java().jvmArg("-Duma4j.sample=lots").agent(null).runApp();
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of("uma4j: bad option 'sample=lots' (expected: an integer >= 0 (track 1 buffer in n; 0 = off))"),
                r.errLines(), r.toString());
    }

    @Test
    void strictMakesABadOptionFatal() {
        ChildJvm.Result r = ChildJvm.java().agent("policy=panic,strict=true").runApp();
        assertEquals(2, r.exit(), r.toString());
        assertFalse(r.out().contains("app-ok"), r.toString());
        assertEquals(List.of("uma4j: bad option 'policy=panic' (expected: log|throw|halt)",
                "uma4j: strict=true: exiting with status 2"), r.errLines(), r.toString());
    }

    @Test
    void strictFromTheEnvironmentCountsToo() {
        ChildJvm.Result r = ChildJvm.java().env("UMA4J_STRICT", "true").agent("verbose").runApp();
        assertEquals(2, r.exit(), r.toString());
        assertEquals("uma4j: bad option 'verbose' (expected: key=value)", r.errLines().get(0), r.toString());
    }
}
