package org.uma4j.tests.agent;

import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;

/**
 * Uses a zone correctly, or with one seeded bug: {@code double-free} frees an item twice (marker
 * comment DOUBLE on the second free), {@code leak} drops an allocated item. Prints {@code app-ok}.
 */
public final class DebugTestApp {

    static Buf held; // reachable until exit: not a leak

    private DebugTestApp() {
    }

    public static void main(String[] args) {
        String bug = args.length == 0 ? "" : args[0];
        Zone<Buf> zone = Zone.builder("dbg-256", 256).build();
        held = zone.alloc(Zone.NOWAIT);
        Buf b = zone.alloc(Zone.NOWAIT);
        b.writeBytes(new byte[] {1, 2, 3}, 0, 3);
        zone.free(b);
        if (bug.equals("double-free")) {
            zone.free(b); // DOUBLE
        } else if (bug.equals("leak")) {
            zone.alloc(Zone.NOWAIT); // LEAK: the handle is dropped at once
        }
        System.out.println("app-ok");
    }
}
