package org.uma4j.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uma4j.agent.account.CallKind;
import org.uma4j.agent.account.Site;
import org.uma4j.agent.account.SiteRegistry;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneRegistry;

/** Zone.alloc/free call sites get a site id the allocator keeps on the item. */
class ZoneCallRewriteTest {

    private final SiteRegistry registry = new SiteRegistry();
    private final Zone<Buf> zone = Zone.builder("rewrite-64", 64).registry(new ZoneRegistry()).limit(2).build();

    @Test
    void allocAndFreeCallsPassTheirSiteToTheAllocator() throws Exception {
        byte[] bytes = new CallSiteRewriter(registry).rewrite(CallSiteRewriterTest.classFile(ZoneFixture.class));
        assertNotNull(bytes);
        Class<?> fixture = new CallSiteRewriterTest.OneClassLoader(ZoneFixture.class.getName(), bytes)
                .loadClass(ZoneFixture.class.getName());
        List<Site> sites = registry.sites();
        assertEquals(3, sites.size(), sites.toString());
        Site allocWait = sites.stream().filter(s -> s.method().equals("allocWait")).findFirst().orElseThrow();
        Site allocFlags = sites.stream().filter(s -> s.method().equals("allocFlags")).findFirst().orElseThrow();
        assertEquals(CallKind.ZONE_ALLOC, allocWait.kind());
        assertEquals(CallKind.ZONE_ALLOC_FLAGS, allocFlags.kind());
        assertTrue(allocWait.id() > 0, "0 means no site to the allocator");

        Buf a = (Buf) call(fixture, "allocWait", zone);
        assertEquals(allocWait.id(), a.allocationSite());
        Buf b = (Buf) call(fixture, "allocFlags", zone, Zone.NOWAIT);
        assertEquals(allocFlags.id(), b.allocationSite());
        assertNull(call(fixture, "allocFlags", zone, Zone.NOWAIT), "NOWAIT still fails at the limit");
        assertEquals("org.uma4j.agent.instrument.ZoneFixture.allocFlags(ZoneFixture.java:17)",
                registry.describe(allocFlags.id()));
        call(fixture, "free", zone, a);
        call(fixture, "free", zone, b);
        assertEquals(0, zone.stats().used());
        assertEquals(1, zone.stats().fails());
        Buf c = (Buf) call(fixture, "allocWithSite", zone);
        assertEquals(99, c.allocationSite());
        zone.free(c);
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
