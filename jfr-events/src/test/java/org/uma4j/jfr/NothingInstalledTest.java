package org.uma4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Reclaim;
import org.uma4j.alloc.Zone;

/** Runs in a JVM of its own: without install, zones work and JFR never hears of uma4j. */
class NothingInstalledTest {

    @Test
    void withoutInstallNoUma4jEventTypeIsRegisteredEvenWhileRecording() {
        try (Recording r = new Recording()) {
            r.start();
            Zone<Buf> z = Zone.builder("nothing-installed", 512).limit(4).build();
            Buf[] held = new Buf[4];
            for (int i = 0; i < held.length; i++) {
                held[i] = z.alloc(Zone.NOWAIT);
            }
            assertNull(z.alloc(Zone.NOWAIT));
            for (Buf b : held) {
                z.free(b);
            }
            z.reclaim(Reclaim.DRAIN_CPU);
            r.stop();
        }
        assertEquals(java.util.List.of(), InstallTest.umaTypes());
        assertFalse(UmaJfr.isInstalled());
    }
}
