package org.uma4j.alloc;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The list of zones, by unique name: what {@code vmstat -z}, JMX and the reports walk, and
 * where {@link ZoneConfigurer}s are installed for zones created later.
 *
 * <pre>{@code
 * ZoneRegistry.global().addConfigurer(b -> b.observer(myObserver));
 * System.out.print(Vmstat.render(ZoneRegistry.global().stats()));
 * }</pre>
 *
 * <p>Threading: safe for any thread; the zone map is guarded by the registry's monitor.
 */
public final class ZoneRegistry {
    private static final ZoneRegistry GLOBAL = new ZoneRegistry();
    private static final AtomicInteger IDS = new AtomicInteger(); // zone ids, never reused

    private final Map<String, Zone<?>> zones = new LinkedHashMap<>(); // guarded by this
    private final List<ZoneConfigurer> configurers = new CopyOnWriteArrayList<>();
    private volatile boolean lowMemoryHooked; // racy: set once

    /** Returns the process-wide registry that zones join by default. */
    public static ZoneRegistry global() {
        return GLOBAL;
    }

    /** Adds a configurer that every zone built from now on passes through. */
    public void addConfigurer(ZoneConfigurer c) {
        configurers.add(Objects.requireNonNull(c, "configurer"));
    }

    /** Removes a configurer; zones it already configured keep their settings. */
    public void removeConfigurer(ZoneConfigurer c) {
        configurers.remove(c);
    }

    void configure(ZoneBuilder<?> b) {
        for (ZoneConfigurer c : configurers) {
            c.configure(b);
        }
    }

    synchronized <T extends Item> Zone<T> add(ZoneBuilder<T> b, Keg<T> keg) {
        Zone<?> old = zones.get(b.name);
        if (old != null) {
            throw new IllegalArgumentException("name: \"" + b.name + "\" (expected: a name not used by another zone; "
                    + old + " has it)");
        }
        Zone<T> z = new Zone<>(b, keg, IDS.getAndIncrement());
        keg.zones.add(z);
        zones.put(b.name, z);
        return z;
    }

    synchronized void remove(Zone<?> z) {
        zones.remove(z.name(), z);
        z.keg().zones.remove(z);
    }

    /** Returns the zones, in creation order. */
    public synchronized List<Zone<?>> zones() {
        return new ArrayList<>(zones.values());
    }

    /** Returns the zone of that name, or null. */
    public synchronized Zone<?> zone(String name) {
        return zones.get(name);
    }

    /** Returns every zone's statistics, in creation order. */
    public List<ZoneStats> stats() {
        List<ZoneStats> out = new ArrayList<>();
        for (Zone<?> z : zones()) {
            out.add(z.stats());
        }
        return out;
    }

    /**
     * Reclaims every zone (UMA's {@code uma_reclaim}).
     *
     * @return items given back to kegs
     */
    public long reclaim(Reclaim level) {
        long items = 0;
        for (Zone<?> z : zones()) {
            items += z.reclaim(level);
        }
        return items;
    }

    /**
     * Reclaims every zone with {@link Reclaim#DRAIN_CPU} whenever a heap memory pool crosses
     * {@code fraction} of its maximum after a collection (JMX collection-usage thresholds),
     * at most once a second: the JVM's {@code vm_lowmem}. Opt-in; idempotent.
     *
     * @param fraction of each pool's maximum, in (0, 1)
     */
    public synchronized void reclaimOnLowMemory(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction: " + fraction + " (expected: 0 < fraction < 1)");
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()
                    && pool.getUsage().getMax() > 0) {
                pool.setCollectionUsageThreshold((long) (pool.getUsage().getMax() * fraction));
            }
        }
        if (lowMemoryHooked) {
            return;
        }
        lowMemoryHooked = true;
        long[] last = {0};
        javax.management.NotificationEmitter emitter =
                (javax.management.NotificationEmitter) ManagementFactory.getMemoryMXBean();
        emitter.addNotificationListener((n, h) -> {
            long now = System.nanoTime();
            synchronized (last) {
                if (now - last[0] < 1_000_000_000L && last[0] != 0) {
                    return;
                }
                last[0] = now;
            }
            reclaim(Reclaim.DRAIN_CPU);
        }, n -> MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(n.getType()), null);
    }
}
