package org.uma4j.agent.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.uma4j.agent.report.AllocatorZones;
import org.uma4j.agent.report.ZoneRow;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneRegistry;

class ZoneMBeansTest {

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final ZoneRegistry registry = new ZoneRegistry();

    @Test
    void existingZoneIsRegisteredWithStatsWritableLimitAndOperations() throws Exception {
        Zone<Buf> zone = Zone.builder("jmx-2048", 2048).registry(registry).build();
        List<Buf> held = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            held.add(zone.alloc(Zone.NOWAIT));
        }
        for (int i = 0; i < 4; i++) {
            zone.free(held.remove(held.size() - 1));
        }
        new ZoneMBeans(server, new PrintStream(log, true, StandardCharsets.UTF_8)).install(registry);

        ObjectName name = new ObjectName("org.uma4j:type=Zone,name=jmx-2048");
        assertTrue(server.isRegistered(name));
        assertEquals("jmx-2048", server.getAttribute(name, "Name"));
        assertEquals(2048, server.getAttribute(name, "Size"));
        assertEquals(6L, server.getAttribute(name, "Used"));
        assertEquals(10L, server.getAttribute(name, "Requests"));
        assertEquals(0L, server.getAttribute(name, "Limit"));
        server.setAttribute(name, new Attribute("Limit", 64L));
        assertEquals(64L, zone.limit());
        assertEquals(64L, server.getAttribute(name, "Limit"));
        server.invoke(name, "drain", new Object[0], new String[0]);
        server.invoke(name, "reclaim", new Object[0], new String[0]);
        assertEquals(6L, server.getAttribute(name, "Used"), "reclaim keeps allocated items");
        assertEquals("", log.toString(StandardCharsets.UTF_8));
        held.forEach(zone::free);
    }

    @Test
    void zoneBuiltAfterInstallIsRegisteredAtItsFirstSlab() throws Exception {
        new ZoneMBeans(server, new PrintStream(log, true, StandardCharsets.UTF_8)).install(registry);
        Zone<Buf> zone = Zone.builder("late zone", 256).registry(registry).build();
        ObjectName name = ZoneMBeans.objectName("late zone");
        assertEquals("org.uma4j:type=Zone,name=\"late zone\"", name.toString());
        assertFalse(server.isRegistered(name));
        Buf b = zone.alloc(Zone.NOWAIT);
        assertTrue(server.isRegistered(name));
        assertEquals(1L, server.getAttribute(name, "Used"));
        zone.free(b);
    }

    @Test
    void allocatorZonesBecomeReportRows() {
        Zone<Buf> zone = Zone.builder("rows", 512).registry(registry).limit(100).build();
        Buf b = zone.alloc(Zone.NOWAIT);
        ZoneRow row = new AllocatorZones(registry).zones().get(0);
        assertEquals("rows", row.name());
        assertEquals("zone", row.kind());
        assertEquals(512, row.size());
        assertEquals(100, row.limit());
        assertEquals(1, row.used());
        assertEquals(1, row.requests());
        assertEquals(512, row.bytes());
        assertEquals(512, row.liveBytes());
        assertTrue(row.slabs() >= 1);
        zone.free(b);
    }
}
