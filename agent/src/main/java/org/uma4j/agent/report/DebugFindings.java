package org.uma4j.agent.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.dbg.DebugConfig;
import org.uma4j.dbg.FindingListener;
import org.uma4j.dbg.Level;
import org.uma4j.dbg.Policy;
import org.uma4j.dbg.Site;
import org.uma4j.dbg.UmaDbg;

/**
 * The debug layer (uma-dbg) as the report's finding source: installs it on the global zone
 * registry at the {@code debug} level with the {@code policy}, keeps every finding it delivers
 * (up to {@link #MAX_KEPT}), and at {@code full} runs the GC-tracked leak check once more when
 * the report is built.
 *
 * <p>Threading: {@link #onFinding} runs on allocating and freeing threads and appends under this
 * object's monitor; {@link #findings()} runs on the reporting thread.
 */
public final class DebugFindings implements FindingSource, FindingListener {

    /** Findings kept for the report; later ones are counted only. */
    static final int MAX_KEPT = 10_000;
    /** How long the exit report waits for GC-tracked leaks at {@code full}. */
    private static final Duration LEAK_WAIT = Duration.ofMillis(500);

    private final UmaDbg dbg; // the installed layer
    private final boolean owned; // whether install created it (and close may remove it)
    private final List<Finding> kept = new ArrayList<>(); // guarded by this
    private long dropped; // guarded by this: findings beyond MAX_KEPT

    private DebugFindings(UmaDbg dbg, boolean owned) {
        this.dbg = dbg;
        this.owned = owned;
    }

    /**
     * Installs the debug layer on {@link ZoneRegistry#global()}, or adopts the one already there.
     *
     * @param level {@code basic} or {@code full}
     * @param policy {@code log}, {@code throw} or {@code halt}
     * @param log where a note about an adopted layer goes
     * @return the finding source
     */
    public static DebugFindings install(String level, String policy, PrintStream log) {
        UmaDbg dbg;
        boolean owned = true;
        try {
            dbg = UmaDbg.install(ZoneRegistry.global(),
                    DebugConfig.builder(Level.parse(level)).policy(Policy.parse(policy)).build());
        } catch (IllegalStateException alreadyInstalled) {
            dbg = UmaDbg.installed(ZoneRegistry.global());
            owned = false;
            log.println("uma4j: a debug layer is already installed (" + dbg + "); debug=" + level + ",policy="
                    + policy + " are not applied, its findings are reported");
        }
        DebugFindings source = new DebugFindings(dbg, owned);
        dbg.findings().addListener(source);
        return source;
    }

    /** Stops listening and, if this source installed the layer, closes it (for uninstall). */
    public void close() {
        dbg.findings().removeListener(this);
        if (owned) {
            dbg.close();
        }
    }

    @Override
    public void onFinding(org.uma4j.dbg.Finding f) {
        Finding converted = convert(f);
        synchronized (this) {
            if (kept.size() < MAX_KEPT) {
                kept.add(converted);
            } else {
                dropped++;
            }
        }
    }

    /**
     * Releases the quarantine, verifying each held item's trash on the way out, so that a write
     * to an item still held when the JVM exits is reported in this run's findings. For the exit
     * report only: a live report (JMX, umastat on a pid) must not cut the quarantine short.
     */
    public void verifyQuarantined() {
        try {
            dbg.flushQuarantine();
        } catch (RuntimeException e) {
            // Never on the report's path: findings found here are delivered, not thrown.
        }
    }

    @Override
    public List<Finding> findings() {
        if (dbg.config().level() == Level.FULL) {
            try {
                dbg.collectLeaks(LEAK_WAIT); // leaks arrive through onFinding
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException underThrowPolicy) {
                // policy=throw: the leaks were delivered to the listeners before the throw
            }
        }
        synchronized (this) {
            List<Finding> out = new ArrayList<>(kept);
            if (dropped > 0) {
                out.add(new Finding("dropped", null, -1, null,
                        "uma4j: " + dropped + " more finding(s) not kept (the report keeps " + MAX_KEPT + ")"));
            }
            return out;
        }
    }

    /**
     * Converts a debug-layer finding to the report's form: kind in lower case with dashes
     * ({@code duplicate-free}), the item's index, the site that caught it.
     *
     * @param f the finding
     * @return its report form
     */
    static Finding convert(org.uma4j.dbg.Finding f) {
        Site site = f.site() != null && f.site().isKnown() ? f.site() : f.allocSite();
        return new Finding(f.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), f.zone(),
                f.index() >= 0 ? f.index() : -1, site != null && site.isKnown() ? site.describe() : null, f.message());
    }
}
