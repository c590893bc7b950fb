package org.uma4j.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compare's report on made-up fork medians, one fork a side per round. */
class CompareTest {

    private static String print(List<Compare.Row> rows, int rounds) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Compare.print(rows, rounds, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void reportsMediansRatioIntervalAndRoundsWon() {
        String out = print(List.of(new Compare.Row("A.x", List.of(20.0, 21.0, 19.0, 20.0, 22.0, 20.0),
                List.of(18.0, 19.0, 17.5, 18.0, 23.0, 18.0))), 6);
        // medians 20.0 and 18.0: ratio 0.900; the after fork is faster in 5 rounds of 6
        assertTrue(out.contains("A.x") && out.contains("20.00") && out.contains("18.00") && out.contains("0.900"), out);
        assertTrue(out.contains("5 of 6"), out);
        assertTrue(out.matches("(?s).*0\\.900  0\\.\\d{3}-\\d\\.\\d{3}.*"), out);
    }

    @Test
    void aBenchmarkMissingFromSomeRoundsIsNotCompared() {
        String out = print(List.of(new Compare.Row("B.y", List.of(1.0, 1.0, 1.0), List.of(1.0, 1.0))), 3);
        assertTrue(out.contains("B.y") && out.contains("measured in 2 of 3 rounds on one side: not compared"), out);
    }
}
