package org.uma4j.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * {@link CallSiteRewriterTest} on the fixture as a Java 8 class file (major version 52): no
 * dynamic constants there, so each rewritten call passes its site id and the bridge finds the
 * site's cell in its table. The fixture uses nothing that Java 8 class files cannot have.
 */
class CallSiteRewriterJava8Test extends CallSiteRewriterTest {

    @Override
    int majorVersion() {
        return Opcodes.V1_8;
    }

    @Test
    void theRewrittenFixtureIsStillAJava8ClassFile() {
        // The inherited cases run on a Java 8 class file only if the rewrite keeps the version.
        assertEquals(Opcodes.V1_8, majorVersionOf(rewrittenBytes()), "major version of the rewritten fixture");
    }
}
