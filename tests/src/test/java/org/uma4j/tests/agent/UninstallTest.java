package org.uma4j.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The install is reversible: uninstall restores the original call sites and drops the exit report. */
class UninstallTest {

    @TempDir
    Path dir;

    @Test
    void uninstallRestoresPlainJdkCallsAndRemovesTheExitReport() {
        Path report = dir.resolve("r.json");
        ChildJvm.Result r = ChildJvm.java().agent("jmx=true,report=" + report).runMain(UninstallTestApp.class);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("uninstall-ok"), r.toString());
        assertEquals(List.of(), r.errLines(), r.toString());
        assertFalse(Files.exists(report), "the exit report hook was removed");
    }
}
