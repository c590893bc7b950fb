package org.uma4j.agent.jmx;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.uma4j.alloc.Reclaim;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneConfigurer;
import org.uma4j.alloc.ZoneObserver;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.alloc.ZoneStats;

/**
 * Registers one {@link ZoneMXBean} per zone of a registry, now and as zones are built.
 *
 * <pre>{@code
 * ZoneMBeans jmx = new ZoneMBeans(ManagementFactory.getPlatformMBeanServer(), System.err);
 * jmx.install(ZoneRegistry.global());
 * }</pre>
 *
 * <p>Threading: {@link #register} may race on several allocating threads; a
 * {@link ConcurrentHashMap#putIfAbsent} decides which registers. A registration failure is
 * logged in one line and the zone stays unregistered.
 */
public final class ZoneMBeans {

    /** Object name of the agent's own MBean. */
    public static final String AGENT = "org.uma4j:type=Agent";

    private final MBeanServer server; // usually the platform server
    private final PrintStream log; // where registration failures go
    private final Map<String, ObjectName> registered = new ConcurrentHashMap<>(); // zone name -> MBean
    private volatile ZoneRegistry installedOn; // registry given to install, for uninstall
    private volatile ZoneConfigurer configurer; // the configurer install added
    private volatile boolean stopped; // set by uninstall: register nothing more

    /**
     * Creates the registrar.
     *
     * @param server the MBean server
     * @param log where a failed registration is reported in one line
     */
    public ZoneMBeans(MBeanServer server, PrintStream log) {
        this.server = server;
        this.log = log;
    }

    /** @return a registrar on the platform MBean server */
    public static ZoneMBeans platform(PrintStream log) {
        return new ZoneMBeans(ManagementFactory.getPlatformMBeanServer(), log);
    }

    /**
     * Registers the registry's zones and every zone built in it from now on (at its first slab).
     *
     * @param registry the zones' registry
     */
    public void install(ZoneRegistry registry) {
        ZoneObserver firstSlab = new ZoneObserver() {
            @Override
            public void onSlab(Zone<?> zone, boolean grow, long bytes, int items) {
                register(zone);
            }
        };
        ZoneConfigurer c = b -> b.observer(firstSlab);
        installedOn = registry;
        configurer = c;
        registry.addConfigurer(c);
        for (Zone<?> z : registry.zones()) {
            register(z);
        }
    }

    /**
     * Registers one zone unless a zone of that name already is.
     *
     * @param zone the zone
     */
    public void register(Zone<?> zone) {
        if (stopped || registered.containsKey(zone.name())) {
            return; // the common case on every later slab event
        }
        try {
            ObjectName name = objectName(zone.name());
            if (registered.putIfAbsent(zone.name(), name) == null) {
                server.registerMBean(new StandardMBean(new Control(zone), ZoneMXBean.class, true), name);
            }
        } catch (JMException | RuntimeException e) {
            log.println("uma4j: cannot register the MBean of zone \"" + zone.name() + "\" (" + e + ")");
        }
    }

    /**
     * Unregisters every MBean this instance registered and stops registering new zones (zones
     * built meanwhile keep an observer that does nothing once unregistered).
     */
    public void uninstall() {
        ZoneRegistry r = installedOn;
        if (r != null) {
            r.removeConfigurer(configurer);
        }
        installedOn = null;
        stopped = true;
        for (ObjectName name : registered.values()) {
            unregister(name);
        }
        try {
            unregister(new ObjectName(AGENT));
        } catch (JMException e) {
            log.println("uma4j: cannot unregister " + AGENT + " (" + e + ")");
        }
    }

    private void unregister(ObjectName name) {
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException | RuntimeException e) {
            log.println("uma4j: cannot unregister " + name + " (" + e + ")");
        }
    }

    /**
     * Registers the agent's own MBean as {@link #AGENT}.
     *
     * @param agent the agent's view
     */
    public void registerAgent(AgentMXBean agent) {
        try {
            server.registerMBean(new StandardMBean(agent, AgentMXBean.class, true), new ObjectName(AGENT));
        } catch (JMException | RuntimeException e) {
            log.println("uma4j: cannot register the MBean " + AGENT + " (" + e + ")");
        }
    }

    /**
     * Returns a zone's MBean name: {@code org.uma4j:type=Zone,name=<zone>}, the name quoted when
     * it holds characters that object names reserve.
     *
     * @param zone the zone's name
     * @return the object name
     * @throws JMException if the name cannot be formed
     */
    public static ObjectName objectName(String zone) throws JMException {
        boolean plain = zone.matches("[A-Za-z0-9_.\\-]+");
        return new ObjectName("org.uma4j:type=Zone,name=" + (plain ? zone : ObjectName.quote(zone)));
    }

    /** The MXBean of one zone; each attribute reads fresh statistics. */
    private static final class Control implements ZoneMXBean {
        private final Zone<?> zone; // the zone shown

        Control(Zone<?> zone) {
            this.zone = zone;
        }

        private ZoneStats stats() {
            return zone.stats();
        }

        @Override
        public String getName() {
            return zone.name();
        }

        @Override
        public int getSize() {
            return zone.itemSize();
        }

        @Override
        public long getLimit() {
            return zone.limit();
        }

        @Override
        public void setLimit(long limit) {
            zone.setLimit(limit);
        }

        @Override
        public long getUsed() {
            return stats().used();
        }

        @Override
        public long getFree() {
            return stats().free();
        }

        @Override
        public long getRequests() {
            return stats().requests();
        }

        @Override
        public long getFails() {
            return stats().fails();
        }

        @Override
        public long getSleeps() {
            return stats().sleeps();
        }

        @Override
        public long getSlabs() {
            return stats().slabs();
        }

        @Override
        public long getSlabBytes() {
            return stats().slabBytes();
        }

        @Override
        public long getCached() {
            return stats().cached();
        }

        @Override
        public int getBucketSize() {
            return zone.bucketSize();
        }

        @Override
        public int getSleepers() {
            return stats().sleepers();
        }

        @Override
        public long drain() {
            return zone.reclaim(Reclaim.DRAIN);
        }

        @Override
        public long reclaim() {
            return zone.reclaim(Reclaim.TRIM);
        }
    }
}
