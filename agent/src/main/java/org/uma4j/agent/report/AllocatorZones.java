package org.uma4j.agent.report;

import java.util.ArrayList;
import java.util.List;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.alloc.ZoneStats;

/**
 * The allocator's zones, from a {@link ZoneRegistry}: one row per zone, of kind {@code zone},
 * with {@code bytes} = requests x size and {@code liveBytes} = used x size.
 *
 * <p>Threading: any thread; the registry folds its per-thread counters racily.
 */
public final class AllocatorZones implements ZoneSource {

    private final ZoneRegistry registry; // the zones to list

    /**
     * Creates the source.
     *
     * @param registry usually {@link ZoneRegistry#global()}
     */
    public AllocatorZones(ZoneRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<ZoneRow> zones() {
        List<ZoneRow> rows = new ArrayList<>();
        for (ZoneStats s : registry.stats()) {
            rows.add(ZoneRow.of(s));
        }
        return rows;
    }
}
