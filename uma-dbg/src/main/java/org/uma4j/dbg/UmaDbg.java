package org.uma4j.dbg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.uma4j.alloc.DebugHooks;
import org.uma4j.alloc.Item;
import org.uma4j.alloc.Keg;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneBuilder;
import org.uma4j.alloc.ZoneConfigurer;
import org.uma4j.alloc.ZoneObserver;
import org.uma4j.alloc.ZoneRegistry;

/**
 * An installed debug layer: the one entry point of uma-dbg. It plugs {@link DebugHooks} into
 * zones, owns their item records, the quarantine, leak scopes and the GC leak tracker, and
 * reports through its {@link Findings}.
 *
 * <pre>{@code
 * // Every zone the registry builds from now on (the agent, the JUnit extension):
 * UmaDbg dbg = UmaDbg.install(ZoneRegistry.global(), DebugConfig.parse("level=full,policy=throw"));
 * dbg.findings().addListener(f -> jfr.emit(f));
 *
 * // One zone (tests, explicit users):
 * UmaDbg dbg = UmaDbg.create(DebugConfig.of(Level.BASIC));
 * Zone<Buf> zone = dbg.configure(Zone.builder("buf", 2048)).build();
 *
 * try (LeakScope scope = dbg.openScope("request")) {
 *     handle(zone);
 * }
 * dbg.collectLeaks(Duration.ofSeconds(1));   // GC-tracked leaks, at FULL
 * }</pre>
 *
 * <p>Threading: safe for any thread. Install and close are guarded by a class-wide lock; the
 * hooks run on allocating and freeing threads (see {@link ZoneHooks}, and {@link TrashHooks}
 * for zones with TRASH alone).
 */
public final class UmaDbg implements AutoCloseable {
    private static final Map<ZoneRegistry, UmaDbg> INSTALLED = new WeakHashMap<>(); // guarded by itself

    private final DebugConfig config;                 // what to check
    private final Findings findings;                  // where findings go
    private final SiteTable sites;                    // where site ids resolve
    private final Quarantine quarantine;              // held freed items
    private final LeakTracker leaks = new LeakTracker(this);    // scopes and GC-tracked views
    private final Map<String, ZoneChecks> checks = new ConcurrentHashMap<>(); // by zone name
    private final Map<Keg<?>, RecordTable> tables = new ConcurrentHashMap<>(); // by keg
    private final Map<Zone<?>, ZoneHooks> hooks = new ConcurrentHashMap<>();    // bound zones
    private volatile ZoneRegistry registry;           // where installed; null if created or closed
    private final ZoneConfigurer configurer = this::configureAny; // added to the registry
    private final ZoneObserver kegBinder = new ZoneObserver() {  // binds kegs for all-threads scopes
        @Override
        public void onSlab(Zone<?> zone, boolean grow, long bytes, int items) {
            if (grow) {
                leaks.zoneWide().bind(zone.keg());
            }
        }
    };

    private UmaDbg(DebugConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.findings = new Findings(Findings.global(), config.policies());
        this.sites = config.sites();
        this.quarantine = new Quarantine(config.quarantineItems(), config.quarantineBytes());
    }

    /**
     * Installs the layer on every zone {@code registry} builds from now on (zones built
     * earlier stay as they are). With {@link Level#OFF} nothing is installed and zones pay
     * nothing.
     *
     * @throws IllegalStateException if a layer is already installed on the registry
     */
    public static UmaDbg install(ZoneRegistry registry, DebugConfig config) {
        Objects.requireNonNull(registry, "registry");
        UmaDbg dbg = new UmaDbg(config);
        synchronized (INSTALLED) {
            UmaDbg old = INSTALLED.get(registry);
            if (old != null) {
                throw new IllegalStateException("registry: already has " + old
                        + " (expected: one debug layer per registry; close it first)");
            }
            if (config.level() != Level.OFF) {
                dbg.registry = registry;
                INSTALLED.put(registry, dbg);
                registry.addConfigurer(dbg.configurer);
            }
        }
        return dbg;
    }

    /** Installs the layer on {@link ZoneRegistry#global()}; see {@link #install(ZoneRegistry, DebugConfig)}. */
    public static UmaDbg install(DebugConfig config) {
        return install(ZoneRegistry.global(), config);
    }

    /** Returns the layer installed on {@code registry}, or null. */
    public static UmaDbg installed(ZoneRegistry registry) {
        synchronized (INSTALLED) {
            return INSTALLED.get(registry);
        }
    }

    /** Creates a layer attached to no registry, for {@link #configure} and {@link #hooks(String)}. */
    public static UmaDbg create(DebugConfig config) {
        return new UmaDbg(config);
    }

    /**
     * Applies the layer to one zone builder as the configuration says: debug hooks, and
     * generation handles if asked for. Does nothing at {@link Level#OFF} or for zones the
     * configuration does not instrument.
     *
     * @return {@code b}
     */
    public <T extends Item> ZoneBuilder<T> configure(ZoneBuilder<T> b) {
        configureAny(b);
        return b;
    }

    private void configureAny(ZoneBuilder<?> b) {
        if (!config.instruments(b.name())) {
            return;
        }
        b.observer(kegBinder); // slow path only: binds the keg for all-threads leak scopes at its first slab
        if (!needsItemHooks(b.name())) {
            return; // every detector off: all-threads leak scopes still work, at no per-item cost
        }
        if (config.generationHandles() && b.supportsViews()) { // items without views keep state and trash checks
            b.generationHandles();
        }
        b.debug(hooks(b.name()));
    }

    /**
     * True if a detector is on for the zone (as configured, or as switched at run time if its
     * {@link ZoneChecks} exist already): only then does it get per-item hooks. A zone built with
     * every detector off cannot have one switched on later ({@link ZoneChecks#setEnabled}); zones
     * built afterwards can.
     */
    private boolean needsItemHooks(String zoneName) {
        ZoneChecks c = checks.get(zoneName); // not created here: a zone without hooks has none
        for (Detector d : Detector.values()) {
            if (c != null ? c.isEnabled(d) : config.enabled(zoneName, d)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if the zone gets the lean {@link TrashHooks}: TRASH is its only detector now (the
     * configuration, as changed at run time through {@link #zone(String)}), and no stack, caller
     * frame or access record is kept (those live in the general item record). Such a zone keeps
     * its lean hooks: another detector switched on later ({@link ZoneChecks#setEnabled}) applies
     * to zones built afterwards.
     */
    private boolean trashOnly(String zoneName) {
        if (config.stacks() || config.captureSites() || config.accessRecords() > 0) {
            return false;
        }
        ZoneChecks c = zone(zoneName);
        for (Detector d : Detector.values()) {
            if (c.isEnabled(d) != (d == Detector.TRASH)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns new debug hooks for the zone named {@code zoneName}, as the configuration says:
     * the lean trash hooks when TRASH is its only detector, else the general ones. Install them
     * on that zone only.
     */
    public DebugHooks hooks(String zoneName) {
        Objects.requireNonNull(zoneName, "zoneName");
        return trashOnly(zoneName) ? new TrashHooks(this, zoneName) : new ZoneHooks(this, zoneName);
    }

    /** Returns the configuration. */
    public DebugConfig config() {
        return config;
    }

    /** Returns this layer's findings hub (counters, listeners, recent findings). */
    public Findings findings() {
        return findings;
    }

    /** Returns the site table ids resolve in. */
    public SiteTable sites() {
        return sites;
    }

    /** Returns the switches and counters of the zone named {@code zoneName}, created on first use. */
    public ZoneChecks zone(String zoneName) {
        return checks.computeIfAbsent(zoneName, n -> new ZoneChecks(n, config, this));
    }

    /** Returns the switches and counters of every zone known so far. */
    public List<ZoneChecks> zones() {
        return new ArrayList<>(checks.values());
    }

    /** Switches {@code d} on or off in every zone known so far. */
    public void setEnabled(Detector d, boolean on) {
        checks.values().forEach(c -> c.setEnabled(d, on));
    }

    /**
     * Opens a leak scope on this thread and the threads it starts from now on; see {@link LeakScope}.
     */
    public LeakScope openScope(String name) {
        return leaks.open(name, false);
    }

    /** Opens a leak scope that counts the allocations of every thread while it is open. */
    public LeakScope openScope(String name, boolean allThreads) {
        return leaks.open(name, allThreads);
    }

    /**
     * Returns a LEAK-kind finding, not reported, for every allocation of the zone named
     * {@code zoneName} that is out now, with its allocation site (and stack and records when
     * recorded): the deterministic per-zone view, for tests and for "oldest outstanding items"
     * reports. A zone that keeps no item records (lean trash hooks, or no hooks) is listed from
     * the allocator's own item state, with allocation sites only. Racy against concurrent
     * allocation and free.
     */
    public List<Finding> outstanding(String zoneName) {
        List<Finding> out = leaks.outstanding(r -> r.owner != null && r.owner.name().equals(zoneName), "outstanding");
        out.addAll(leaks.zoneWide().untracked(zoneName, "outstanding"));
        return out;
    }

    /**
     * Reports the GC-tracked leaks found so far (views collected while allocated) under the
     * configured policy; the allocation path does the same quietly (it logs and never throws).
     *
     * @return the number of leaks reported
     * @throws LeakException under {@link Policy#THROW} if any
     */
    public int pollLeaks() {
        List<Finding> out = leaks.poll();
        findings.reportAll(out);
        return out.size();
    }

    /**
     * Runs the GC and reports the leaks it reveals, waiting at most {@code timeout} for
     * collected handles to be enqueued. For tests and exit reports; costs full collections.
     *
     * @return the number of leaks reported
     * @throws LeakException under {@link Policy#THROW} if any
     * @throws InterruptedException if interrupted while waiting
     */
    public int collectLeaks(Duration timeout) throws InterruptedException {
        List<Finding> out = leaks.collect(timeout);
        findings.reportAll(out);
        return out.size();
    }

    LeakTracker leaks() {
        return leaks;
    }

    Map<Keg<?>, RecordTable> tables() {
        return tables;
    }

    /** Returns the number of items retired as leaked in all zones. */
    public long leakedItems() {
        return checks.values().stream().mapToLong(ZoneChecks::leaked).sum();
    }

    /**
     * Records an access to an allocation, with a hint, in its access records (kept when the
     * configuration asks for them; otherwise nothing happens). Like Netty's {@code touch}.
     */
    public void touch(Item handle, String hint) {
        if (config.accessRecords() == 0 || handle == null || handle.zone() == null) {
            return;
        }
        ItemRecord r = recordOf(handle.zone(), handle.slot());
        if (r != null && r.state() == ItemRecord.ALLOCATED) {
            StackTraceElement[] st = stackOrNull();
            record(r, "touch", hint, siteOf(0, st), st);
        }
    }

    /** Releases every item held in quarantine back to its zone; returns how many. */
    public int flushQuarantine() {
        return quarantine.flush(null);
    }

    /** Returns the number of items held in quarantine. */
    public int quarantined() {
        return quarantine.size();
    }

    /**
     * Stops instrumenting new zones and releases the quarantine. Zones already built keep
     * their hooks (a zone's hooks are final) and go on checking and reporting.
     */
    @Override
    public void close() {
        synchronized (INSTALLED) {
            ZoneRegistry r = registry;
            if (r != null) {
                r.removeConfigurer(configurer);
                INSTALLED.remove(r, this);
                registry = null;
            }
        }
        quarantine.flush(null);
    }

    RecordTable bind(Zone<?> z, ZoneHooks h) {
        hooks.putIfAbsent(z, h);
        leaks.zoneWide().bind(z.keg());
        return tables.computeIfAbsent(z.keg(), k -> new RecordTable());
    }

    ItemRecord recordOf(Zone<?> z, Item item) {
        RecordTable t = hooks.containsKey(z) ? tables.get(z.keg()) : null;
        return t == null ? null : t.find(item.slabId(), item.index());
    }

    Quarantine quarantine() {
        return quarantine;
    }

    int siteOf(int site) {
        return site != 0 || !config.captureSites() ? site : sites.capture();
    }

    /**
     * Returns the caller's stack if stacks are recorded, else null; with {@link #siteOf(int, StackTraceElement[])}
     * it makes one stack walk serve both the stack and the site.
     */
    StackTraceElement[] stackOrNull() {
        return config.stacks() ? sites.captureStack() : null;
    }

    /** Like {@link #siteOf(int)}, but takes the caller's frame from {@code stack} when there is one. */
    int siteOf(int site, StackTraceElement[] stack) {
        if (site != 0 || !config.captureSites() || stack == null || stack.length == 0) {
            return siteOf(site);
        }
        StackTraceElement f = stack[0];
        return sites.register(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber());
    }

    Site site(int id) {
        return sites.resolve(id);
    }

    void record(ItemRecord r, String what, String hint, int at, StackTraceElement[] stack) {
        if (config.accessRecords() > 0) {
            r.record(new AccessRecord(what, hint, site(at), Thread.currentThread().getName(), System.nanoTime(), stack));
        }
    }

    /**
     * Returns a text summary for exit reports and {@code umastat}: the finding counts by kind,
     * then one line per zone with each active detector's divisor and checked/skipped counters,
     * leaked and outstanding items, and the quarantine size.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder("uma4j debug: ").append(config.level().name().toLowerCase(java.util.Locale.ROOT))
                .append(", ").append(findings.count()).append(" findings");
        findings.counts().forEach((k, n) -> {
            if (n > 0) {
                sb.append(", ").append(k.name()).append(' ').append(n);
            }
        });
        sb.append(", ").append(quarantine.size()).append(" quarantined").append(System.lineSeparator());
        List<ZoneChecks> zs = zones();
        zs.sort(java.util.Comparator.comparing(ZoneChecks::zone));
        for (ZoneChecks c : zs) {
            sb.append("  ").append(c).append(" outstanding ").append(c.outstanding()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "uma4j debug layer (" + config.level() + ", " + checks.size() + " zones)";
    }
}
