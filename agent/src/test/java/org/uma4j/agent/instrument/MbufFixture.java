package org.uma4j.agent.instrument;

import org.uma4j.alloc.Zone;
import org.uma4j.mbuf.Mbuf;
import org.uma4j.mbuf.Mbufs;

/** Calls of the mbuf API for {@link ZoneCallRewriteTest}. */
public final class MbufFixture {

    private MbufFixture() {
    }

    public static Mbuf get(Mbufs family) {
        return family.get(Zone.NOWAIT, Mbuf.MT_DATA); // SITE get
    }

    public static Mbuf getcl(Mbufs family) {
        return family.getcl(Zone.NOWAIT, Mbuf.MT_DATA, Mbuf.M_PKTHDR); // SITE getcl
    }

    public static void freem(Mbuf m) {
        m.freem(); // SITE freem
    }
}
