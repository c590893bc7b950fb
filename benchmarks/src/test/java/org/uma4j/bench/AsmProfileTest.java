package org.uma4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AsmProfile's reading of a JVM code print without hsdis, and of perf's sample counts. */
class AsmProfileTest {

    private static List<String> log() {
        return List.of(
                "Compiled method (c2)    4525  626       4       a.B::m (54 bytes)",
                " main code      [0x00007f0000002000,0x00007f0000002008] = 8",
                "[MachCode]",
                "[Verified Entry Point]",
                "  0x00007f0000002000: 8984 2400 | c0fe ff55 ",
                "",
                "  0x00007f0000002008: ;   {oop(a 'java/lang/Class')}",
                "  0x00007f0000002008: 41ff ",
                "                      ; - a.B::m@30 (line 192)",
                "  0x00007f000000200a: 90",
                "[/MachCode]",
                "Compiled method (c2)    2616  601 %     4       a.B::m @ 13 (54 bytes)",
                "[MachCode]",
                "  0x00007f0000001000: c300 ",
                "[/MachCode]",
                "Compiled method (c1)    5000  700       3       a.B::m (54 bytes)",
                "[MachCode]",
                "  0x00007f0000003000: cc",
                "[/MachCode]");
    }

    @Test
    void readsTheLastC2CompilationThatIsNotOsr() {
        AsmProfile.Code c = AsmProfile.lastC2(log());
        assertTrue(c.header().contains("626"), c.header());
        assertEquals(0x7f0000002000L, c.base());
        assertArrayEquals(new byte[] {(byte) 0x89, (byte) 0x84, 0x24, 0x00, (byte) 0xc0, (byte) 0xfe, (byte) 0xff, 0x55,
            0x41, (byte) 0xff, (byte) 0x90}, c.bytes());
        assertEquals(List.of(";   {oop(a 'java/lang/Class')}"), c.comments().get(0x7f0000002008L));
        assertEquals(List.of("; - a.B::m@30 (line 192)"), c.comments().get(0x7f000000200aL));
    }

    @Test
    void refusesALogWithAGapInTheCodeOrNoC2() {
        List<String> gap = new java.util.ArrayList<>(log());
        gap.set(9, "  0x00007f000000200b: 90");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AsmProfile.lastC2(gap));
        assertTrue(e.getMessage().contains("0x7f000000200b") && e.getMessage().contains("0x7f000000200a"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AsmProfile.lastC2(List.of("Compiled method (c1) 1 2 3 a.B::m")));
    }

    @Test
    void sumsPerfSampleCountsByAddress() {
        Map<Long, Long> s = AsmProfile.samples(List.of("   12 7f0000002000", "    3 7f0000002008", "    1 7f0000002000", ""));
        assertEquals(Map.of(0x7f0000002000L, 13L, 0x7f0000002008L, 3L), s);
    }
}
