package org.uma4j.tests.agent;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;

/**
 * An application using the allocator's zones: builds zone {@code e2e-2048}, allocates 10 items and
 * frees 4. With the argument {@code jmx} it also reads the zone's MBean, prints {@code limit=<n>},
 * raises the limit to 50 through JMX and prints {@code jmx-ok}.
 */
public final class AllocatorTestApp {

    static final List<Buf> HELD = new ArrayList<>(); // items still allocated at exit

    private AllocatorTestApp() {
    }

    public static void main(String[] args) throws Exception {
        Zone<Buf> zone = Zone.builder("e2e-2048", 2048).build();
        for (int i = 0; i < 10; i++) {
            HELD.add(zone.alloc(Zone.NOWAIT));
        }
        for (int i = 0; i < 4; i++) {
            zone.free(HELD.remove(HELD.size() - 1));
        }
        if (args.length > 0 && args[0].equals("jmx")) {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("org.uma4j:type=Zone,name=e2e-2048");
            System.out.println("limit=" + server.getAttribute(name, "Limit"));
            server.setAttribute(name, new Attribute("Limit", 50L));
            System.out.println(zone.limit() == 50 ? "jmx-ok" : "jmx-broken");
        }
        System.out.println("app-ok");
    }
}
