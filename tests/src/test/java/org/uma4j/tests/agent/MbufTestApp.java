package org.uma4j.tests.agent;

import java.util.ArrayList;
import java.util.List;
import org.uma4j.alloc.Zone;
import org.uma4j.mbuf.Mbuf;
import org.uma4j.mbuf.Mbufs;

/**
 * Takes 10 mbufs with clusters from the global family and frees 4, prints {@code app-ok}, then
 * waits until standard input closes (so periodic JFR statistics are written).
 */
public final class MbufTestApp {

    static final List<Mbuf> HELD = new ArrayList<>(); // in use at exit

    private MbufTestApp() {
    }

    public static void main(String[] args) throws Exception {
        Mbufs family = Mbufs.global();
        for (int i = 0; i < 10; i++) {
            HELD.add(family.getcl(Zone.NOWAIT, Mbuf.MT_DATA, Mbuf.M_PKTHDR));
        }
        for (int i = 0; i < 4; i++) {
            HELD.remove(HELD.size() - 1).freem();
        }
        System.out.println("app-ok");
        System.out.flush();
        while (System.in.read() >= 0) {
            Thread.onSpinWait();
        }
    }
}
