package org.uma4j.agent.instrument;

import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;

/** Calls of the allocator's API for {@link ZoneCallRewriteTest}; markers as in {@link RewriteFixture}. */
public final class ZoneFixture {

    private ZoneFixture() {
    }

    public static Buf allocWait(Zone<Buf> zone) {
        return zone.alloc(); // SITE allocWait
    }

    public static Buf allocFlags(Zone<Buf> zone, int flags) {
        return zone.alloc(flags); // SITE allocFlags
    }

    public static void free(Zone<Buf> zone, Buf b) {
        zone.free(b); // SITE free
    }

    public static Buf allocWithSite(Zone<Buf> zone) {
        return zone.alloc(Zone.NOWAIT, 99); // already has a site: left alone
    }
}
