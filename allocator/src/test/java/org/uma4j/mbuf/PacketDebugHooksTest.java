package org.uma4j.mbuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.uma4j.alloc.Zone.NOWAIT;
import static org.uma4j.mbuf.Mbuf.MT_DATA;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uma4j.alloc.DebugHooks;
import org.uma4j.alloc.Item;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneRegistry;

/**
 * A sole-owned packet's free skips the family's general path (Mbuf.free sends the pair home at
 * once), but not the packet zone's debug hooks: a debug layer sees every free, with its site,
 * and a duplicate free is still refused.
 */
class PacketDebugHooksTest {
    private final List<String> calls = new ArrayList<>(); // what the packet zone's hooks saw, in order
    private final Mbufs mbufs = Mbufs.builder().registry(hooked()).build();

    private ZoneRegistry hooked() {
        ZoneRegistry r = new ZoneRegistry();
        r.addConfigurer(b -> {
            if (b.name().equals("packet")) {
                b.debug(new DebugHooks() {
                    @Override
                    public boolean onFree(Zone<?> zone, Item handle, int site) {
                        calls.add("free " + site);
                        return true;
                    }

                    @Override
                    public boolean onFreed(Zone<?> zone, Item item) {
                        calls.add("freed");
                        return true;
                    }
                });
            }
        });
        return r;
    }

    @Test
    void theHooksSeeTheFreeOfASoleOwner() {
        Mbuf m = mbufs.getcl(NOWAIT, MT_DATA, Mbuf.M_PKTHDR, 7);
        m.freem(7);
        assertEquals(List.of("free 7", "freed"), calls);
        Mbuf again = mbufs.getcl(NOWAIT, MT_DATA, 0);
        assertSame(m, again, "the pair went home to the thread's cache");
        again.freem(9);
        assertEquals(List.of("free 7", "freed", "free 9", "freed"), calls);
        MbufTesting.assertAllBack(mbufs);
    }

    @Test
    void aDuplicateFreeIsRefused() {
        Mbuf m = mbufs.getcl(NOWAIT, MT_DATA, Mbuf.M_PKTHDR);
        m.freem();
        IllegalStateException e = assertThrows(IllegalStateException.class, m::freem);
        assertEquals(true, e.getMessage().contains("duplicate free"), e.getMessage());
        MbufTesting.assertAllBack(mbufs);
    }
}
