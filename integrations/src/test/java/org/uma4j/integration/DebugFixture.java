package org.uma4j.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.uma4j.alloc.Layout;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.dbg.DebugConfig;
import org.uma4j.dbg.Finding;
import org.uma4j.dbg.FindingKind;
import org.uma4j.dbg.UmaDbg;

/**
 * A private registry with the debug layer installed before the size-class zones are built,
 * as the agent installs it before the integrations, and the findings it reported.
 */
public final class DebugFixture implements AutoCloseable {
    public final ZoneRegistry registry = new ZoneRegistry();
    public final UmaDbg dbg;
    public final BufZones zones;
    public final List<Finding> findings = new CopyOnWriteArrayList<>();

    public DebugFixture(String prefix, String options) {
        dbg = UmaDbg.install(registry, DebugConfig.parse(options));
        dbg.findings().addListener(findings::add);
        zones = new BufZones(prefix, registry, Layout.PER_ITEM, BufZones.DEFAULT_MAX_SIZE);
    }

    /**
     * Runs the GC until the debug layer has reported {@code expected} leaks, at most
     * {@code rounds} times: one collection may not enqueue a dropped handle in time on a busy
     * machine. Returns the leaks reported.
     */
    public int collectLeaks(int expected, int rounds) throws InterruptedException {
        for (int i = 0; i < rounds && of(FindingKind.LEAK).size() < expected; i++) {
            dbg.collectLeaks(java.time.Duration.ofMillis(200));
        }
        return of(FindingKind.LEAK).size();
    }

    public List<Finding> of(FindingKind kind) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            if (f.kind() == kind) {
                out.add(f);
            }
        }
        return out;
    }

    @Override
    public void close() {
        dbg.close();
    }
}
