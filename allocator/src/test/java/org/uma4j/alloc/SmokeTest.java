package org.uma4j.alloc;

import static org.junit.jupiter.api.Assertions.*;

import java.util.*;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void allocFreeManyAndBalance() {
        ZoneRegistry reg = new ZoneRegistry();
        Zone<Buf> z = Zone.builder("smoke", 2048).registry(reg).build();
        List<Buf> held = new ArrayList<>();
        Set<Buf> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 1000; i++) {
                Buf b = z.alloc(Zone.NOWAIT);
                assertNotNull(b);
                assertTrue(seen.add(b) || round > 0);
                held.add(b);
            }
            for (Buf b : held) {
                z.free(b);
            }
            held.clear();
        }
        ZoneStats s = z.stats();
        assertEquals(0, s.used());
        assertEquals(5000, s.requests());
        assertEquals(1000, seen.size());
        z.reclaim(Reclaim.DRAIN_CPU);
        z.keg().verify();
        System.out.print(Vmstat.render(reg.stats()));
    }
}
