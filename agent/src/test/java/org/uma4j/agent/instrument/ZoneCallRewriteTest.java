package org.uma4j.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uma4j.agent.account.SiteRegistry;
import org.uma4j.dbg.Site;
import org.uma4j.dbg.SiteTable;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.mbuf.Mbuf;
import org.uma4j.mbuf.Mbufs;

/** Zone.alloc/free call sites get a site id the allocator keeps on the item. */
class ZoneCallRewriteTest {

    private final SiteRegistry registry = new SiteRegistry();
    private final SiteTable table = new SiteTable();
    private final Zone<Buf> zone = Zone.builder("rewrite-64", 64).registry(new ZoneRegistry()).limit(2).build();

    @Test
    void allocAndFreeCallsPassTheirSiteToTheAllocator() throws Exception {
        byte[] bytes = new CallSiteRewriter(registry, table::register)
                .rewrite(CallSiteRewriterTest.classFile(ZoneFixture.class));
        assertNotNull(bytes);
        Class<?> fixture = new CallSiteRewriterTest.OneClassLoader(ZoneFixture.class.getName(), bytes)
                .loadClass(ZoneFixture.class.getName());
        assertEquals(List.of(), registry.sites(), "zone sites are not accounted by the agent");
        assertEquals(3, table.size());

        Buf a = (Buf) call(fixture, "allocWait", zone);
        Site allocWait = table.resolve(a.allocationSite());
        assertEquals("org.uma4j.agent.instrument.ZoneFixture.allocWait(ZoneFixture.java:13)", allocWait.describe());
        Buf b = (Buf) call(fixture, "allocFlags", zone, Zone.NOWAIT);
        assertEquals("org.uma4j.agent.instrument.ZoneFixture.allocFlags(ZoneFixture.java:17)",
                table.resolve(b.allocationSite()).describe());
        assertTrue(a.allocationSite() > 0 && b.allocationSite() != a.allocationSite());
        assertNull(call(fixture, "allocFlags", zone, Zone.NOWAIT), "NOWAIT still fails at the limit");
        call(fixture, "free", zone, a);
        call(fixture, "free", zone, b);
        assertEquals(0, zone.stats().used());
        assertEquals(1, zone.stats().fails());
        Buf c = (Buf) call(fixture, "allocWithSite", zone);
        assertEquals(99, c.allocationSite());
        zone.free(c);
    }

    @Test
    void mbufApiCallsPassTheirSiteToo() throws Exception {
        byte[] bytes = new CallSiteRewriter(registry, table::register)
                .rewrite(CallSiteRewriterTest.classFile(MbufFixture.class));
        assertNotNull(bytes);
        Class<?> fixture = new CallSiteRewriterTest.OneClassLoader(MbufFixture.class.getName(), bytes)
                .loadClass(MbufFixture.class.getName());
        assertEquals(3, table.size(), "get, getcl and freem");
        Mbufs family = Mbufs.builder().registry(new ZoneRegistry()).build();
        Mbuf m = (Mbuf) call(fixture, "get", family);
        assertEquals("org.uma4j.agent.instrument.MbufFixture.get(MbufFixture.java:14)",
                table.resolve(m.allocationSite()).describe());
        Mbuf p = (Mbuf) call(fixture, "getcl", family);
        assertEquals("org.uma4j.agent.instrument.MbufFixture.getcl(MbufFixture.java:18)",
                table.resolve(p.allocationSite()).describe());
        call(fixture, "freem", m);
        call(fixture, "freem", p);
        assertEquals(0, family.stats().mbufsInUse());
    }

    private static Object call(Class<?> c, String name, Object... args) throws Exception {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name)) {
                try {
                    return m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw (Exception) e.getCause();
                }
            }
        }
        throw new AssertionError(name);
    }
}
