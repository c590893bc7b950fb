package org.uma4j.dbg;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the debug layer checks and how it reports: a {@link Level}, then per-detector switches
 * and sampling divisors (global and per zone), policies per finding kind, and the costs that
 * only a higher level pays (generation handles, caller frames, stacks, access records,
 * quarantine).
 *
 * <pre>{@code
 * DebugConfig c = DebugConfig.builder(Level.BASIC)
 *         .policy(Policy.THROW)
 *         .divisor(Detector.TRASH, 4)                 // trash one item in four
 *         .enable("mbuf", Detector.REDZONE, false)    // not for zone "mbuf"
 *         .build();
 * DebugConfig same = DebugConfig.parse("level=basic,policy=throw,trash.divisor=4,zone.mbuf.redzone=off");
 * }</pre>
 *
 * <p>Threading: immutable; the builder is used by one thread.
 */
public final class DebugConfig {
    private final Level level;                          // the base
    private final Set<Detector> enabled;                // global switches
    private final int[] divisors;                       // global, by detector ordinal
    private final Map<String, Map<Detector, Boolean>> zoneEnabled; // per-zone switch overrides
    private final Map<String, Map<Detector, Integer>> zoneDivisors; // per-zone divisor overrides
    private final Map<FindingKind, Policy> policies;    // by kind
    private final boolean generationHandles;            // views per allocation
    private final boolean captureSites;                 // walk to the caller's frame when site id is 0
    private final boolean stacks;                       // record allocation and free stacks
    private final int accessRecords;                    // last N per allocation; 0 = none
    private final int quarantineItems;                  // quarantine bound in items
    private final long quarantineBytes;                 // quarantine bound in bytes
    private final Predicate<String> zones;              // which zones the registry configurer instruments
    private final SiteTable sites;                      // where site ids resolve

    private DebugConfig(Builder b) {
        this.level = b.level;
        this.enabled = EnumSet.copyOf(b.enabled);
        this.divisors = b.divisors.clone();
        this.zoneEnabled = deepCopy(b.zoneEnabled);
        this.zoneDivisors = deepCopy(b.zoneDivisors);
        this.policies = new EnumMap<>(b.policies);
        this.generationHandles = b.generationHandles;
        this.captureSites = b.captureSites;
        this.stacks = b.stacks;
        this.accessRecords = b.accessRecords;
        this.quarantineItems = b.quarantineItems;
        this.quarantineBytes = b.quarantineBytes;
        this.zones = b.zones;
        this.sites = b.sites;
    }

    private static <V> Map<String, Map<Detector, V>> deepCopy(Map<String, Map<Detector, V>> m) {
        Map<String, Map<Detector, V>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, new EnumMap<>(v)));
        return out;
    }

    /** Returns the defaults of {@code level}, with the {@link Policy#LOG} policy. */
    public static DebugConfig of(Level level) {
        return builder(level).build();
    }

    /** Returns a builder starting from the defaults of {@code level}. */
    public static Builder builder(Level level) {
        return new Builder(level);
    }

    /**
     * Parses comma-separated {@code key=value} options, as the agent and system properties
     * pass them: {@code level} (off|basic|full, first), {@code policy} (log|throw|halt),
     * {@code policy.<kind>}, {@code <detector>} (on|off), {@code <detector>.divisor},
     * {@code zone.<name>.<detector>} and {@code zone.<name>.<detector>.divisor}, {@code handles},
     * {@code sites}, {@code stacks} (on|off), {@code records}, {@code quarantine.items},
     * {@code quarantine.bytes}, {@code zones} (names separated by {@code |}).
     *
     * @throws IllegalArgumentException naming the first bad key or value
     */
    public static DebugConfig parse(String options) {
        return ConfigParser.parse(options == null ? "" : options);
    }

    /**
     * Reads {@code -Duma4j.debug=<options>} (see {@link #parse}); {@link Level#OFF} if unset.
     *
     * @throws IllegalArgumentException naming the bad option
     */
    public static DebugConfig fromSystemProperties() {
        String v = System.getProperty("uma4j.debug");
        return v == null || v.isBlank() ? of(Level.OFF) : parse(v);
    }

    /** Returns the base level. */
    public Level level() {
        return level;
    }

    /** Returns whether {@code d} is on for {@code zone} (its override, else the global switch). */
    public boolean enabled(String zone, Detector d) {
        Map<Detector, Boolean> z = zoneEnabled.get(zone);
        Boolean v = z == null ? null : z.get(d);
        return v != null ? v : enabled.contains(d);
    }

    /** Returns the sampling divisor of {@code d} for {@code zone} (its override, else the global one). */
    public int divisor(String zone, Detector d) {
        Map<Detector, Integer> z = zoneDivisors.get(zone);
        Integer v = z == null ? null : z.get(d);
        return v != null ? v : divisors[d.ordinal()];
    }

    /** Returns the policy of findings of {@code kind}. */
    public Policy policy(FindingKind kind) {
        return policies.get(kind);
    }

    Map<FindingKind, Policy> policies() {
        return policies;
    }

    /** Returns true if instrumented zones hand out a new view per allocation (stale handles, GC leaks). */
    public boolean generationHandles() {
        return generationHandles;
    }

    /** Returns true if a caller passing site id 0 gets its frame captured (a stack walk per call). */
    public boolean captureSites() {
        return captureSites;
    }

    /** Returns true if allocation and free stacks are recorded. */
    public boolean stacks() {
        return stacks;
    }

    /** Returns the number of access records kept per allocation; 0 for none. */
    public int accessRecords() {
        return accessRecords;
    }

    /** Returns the quarantine's bound in items. */
    public int quarantineItems() {
        return quarantineItems;
    }

    /** Returns the quarantine's bound in bytes. */
    public long quarantineBytes() {
        return quarantineBytes;
    }

    /** Returns true if the registry configurer instruments the zone named {@code zone}. */
    public boolean instruments(String zone) {
        return level != Level.OFF && zones.test(zone);
    }

    /** Returns the site table ids resolve in. */
    public SiteTable sites() {
        return sites;
    }

    @Override
    public String toString() {
        return "DebugConfig[level=" + level + ", detectors=" + enabled + ", divisors=" + Arrays.toString(divisors)
                + ", handles=" + generationHandles + ", sites=" + captureSites + ", stacks=" + stacks
                + ", records=" + accessRecords + ", quarantine=" + quarantineItems + "/" + quarantineBytes + "B]";
    }

    /**
     * Builds a {@link DebugConfig}.
     *
     * <p>Threading: one thread.
     */
    public static final class Builder {
        private final Level level;               // base
        private final Set<Detector> enabled;     // global switches
        private final int[] divisors = new int[Detector.values().length]; // by ordinal
        private final Map<String, Map<Detector, Boolean>> zoneEnabled = new HashMap<>(); // overrides
        private final Map<String, Map<Detector, Integer>> zoneDivisors = new HashMap<>(); // overrides
        private final Map<FindingKind, Policy> policies = new EnumMap<>(FindingKind.class); // by kind
        private boolean generationHandles;       // views
        private boolean captureSites;            // caller frames
        private boolean stacks;                  // alloc/free stacks
        private int accessRecords;               // per allocation
        private int quarantineItems;             // bound
        private long quarantineBytes;            // bound
        private Predicate<String> zones = z -> true; // instrumented zones
        private SiteTable sites = SiteTable.global(); // resolution

        private Builder(Level level) {
            this.level = Objects.requireNonNull(level, "level");
            this.enabled = EnumSet.noneOf(Detector.class);
            this.enabled.addAll(level.detectors());
            Arrays.fill(divisors, 1);
            boolean full = level == Level.FULL;
            this.generationHandles = full;
            this.captureSites = full;
            this.stacks = full;
            this.accessRecords = full ? 8 : 0;
            this.quarantineItems = full ? 256 : 0;
            this.quarantineBytes = full ? 4L << 20 : 0;
            policy(Policy.LOG);
        }

        /** Switches {@code d} on or off for every zone without an override. */
        public Builder enable(Detector d, boolean on) {
            if (on) {
                enabled.add(d);
            } else {
                enabled.remove(d);
            }
            return this;
        }

        /** Switches {@code d} on or off for the zone named {@code zone}. */
        public Builder enable(String zone, Detector d, boolean on) {
            zoneEnabled.computeIfAbsent(Objects.requireNonNull(zone, "zone"), z -> new EnumMap<>(Detector.class))
                    .put(d, on);
            return this;
        }

        /** Sets the sampling divisor of {@code d}: 1 every item, N one in N, 0 none. */
        public Builder divisor(Detector d, int n) {
            divisors[d.ordinal()] = checkDivisor(n);
            return this;
        }

        /** Sets the sampling divisor of {@code d} for the zone named {@code zone}. */
        public Builder divisor(String zone, Detector d, int n) {
            zoneDivisors.computeIfAbsent(Objects.requireNonNull(zone, "zone"), z -> new EnumMap<>(Detector.class))
                    .put(d, checkDivisor(n));
            return this;
        }

        /** Sets the policy of every kind. */
        public Builder policy(Policy p) {
            Objects.requireNonNull(p, "policy");
            for (FindingKind k : FindingKind.values()) {
                policies.put(k, p);
            }
            return this;
        }

        /** Sets the policy of one kind. */
        public Builder policy(FindingKind kind, Policy p) {
            policies.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(p, "policy"));
            return this;
        }

        /**
         * Makes instrumented zones hand out a new view per allocation (needed by STALE and LEAK).
         * Every instrumented zone's item factory must then support views, as {@code Buf}'s does.
         */
        public Builder generationHandles(boolean on) {
            generationHandles = on;
            return this;
        }

        /** Captures the caller's frame (one stack walk) when a caller passes site id 0. */
        public Builder captureSites(boolean on) {
            captureSites = on;
            return this;
        }

        /** Records the allocation and free stacks of every checked allocation. */
        public Builder stacks(boolean on) {
            stacks = on;
            return this;
        }

        /** Keeps the last {@code n} access records per allocation; 0 for none. */
        public Builder accessRecords(int n) {
            if (n < 0 || n > 1024) {
                throw new IllegalArgumentException("accessRecords: " + n + " (expected: 0..1024)");
            }
            accessRecords = n;
            return this;
        }

        /** Bounds the quarantine: it holds at most {@code items} freed items and {@code bytes} bytes. */
        public Builder quarantine(int items, long bytes) {
            if (items < 0 || bytes < 0) {
                throw new IllegalArgumentException("quarantine: " + items + " items, " + bytes
                        + " bytes (expected: >= 0 each)");
            }
            quarantineItems = items;
            quarantineBytes = bytes;
            return this;
        }

        /** Instruments only the zones whose name passes {@code filter} (default: all). */
        public Builder zones(Predicate<String> filter) {
            zones = Objects.requireNonNull(filter, "zones");
            return this;
        }

        /** Instruments only the zones named. */
        public Builder zones(String... names) {
            Set<String> s = new HashSet<>(Arrays.asList(names));
            return zones(s::contains);
        }

        /** Resolves site ids in {@code table} instead of {@link SiteTable#global()}. */
        public Builder sites(SiteTable table) {
            sites = Objects.requireNonNull(table, "sites");
            return this;
        }

        /** Returns the configuration. */
        public DebugConfig build() {
            return new DebugConfig(this);
        }

        private static int checkDivisor(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("divisor: " + n + " (expected: >= 0; 1 every item, 0 none)");
            }
            return n;
        }
    }

    /** Returns {@code s} lower-cased for option matching. */
    static String key(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }
}
