package org.uma4j.agent.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SizeClassTest {

    @Test
    void sizesMapToTheirPowerOfTwoUpperBound() {
        int[] sizes = {0, 1, 2, 3, 4, 5, 1024, 1025, 2048, 2049, Integer.MAX_VALUE};
        long[] bounds = {0, 1, 2, 4, 4, 8, 1024, 2048, 2048, 4096, 1L << 31};
        for (int i = 0; i < sizes.length; i++) {
            assertEquals(bounds[i], SizeClass.upperBound(SizeClass.of(sizes[i])), "size " + sizes[i]);
        }
        assertEquals(SizeClass.COUNT - 1, SizeClass.of(Integer.MAX_VALUE));
    }
}
