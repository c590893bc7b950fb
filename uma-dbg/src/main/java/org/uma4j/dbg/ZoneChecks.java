package org.uma4j.dbg;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import org.uma4j.alloc.Item;

/**
 * One zone's detector switches, sampling divisors and counters, changeable at run time
 * (UMA's {@code vm.debug.divisor} with its {@code trashed}/{@code skipped} counters, per zone).
 *
 * <pre>{@code
 * ZoneChecks c = dbg.zone("mbuf");
 * c.setDivisor(Detector.TRASH, 8);        // trash one mbuf in eight from now on
 * long trashed = c.checked(Detector.TRASH), skipped = c.skipped(Detector.TRASH);
 * }</pre>
 *
 * <p>Switching a detector on mid-run is safe: each check needs evidence written while it was
 * on (trash written, guard written, a tracked allocation), so items already out are not
 * misreported. A zone's hooks are chosen when it is built: a zone built with every detector
 * off has none, and a zone built with TRASH alone has the lean trash hooks, so switching
 * another detector on for such a zone takes effect only in zones built afterwards; TRASH
 * itself can be switched off and on again in either.
 *
 * <p>Threading: safe for any thread; switches are volatile; the checked and skipped counts
 * are plain longs and the leaked count a {@link LongAdder} (racy: stats).
 */
public final class ZoneChecks {
    private final String zone;                  // the zone's name
    private volatile int enabledMask;           // bit per detector ordinal
    // The detectors on with divisor 1, bit per ordinal: sample()'s fast path decides on this one
    // read. Recomputed under this object's lock whenever a switch or a divisor changes; a sample
    // racing that change may decide by the old or the new setting, either valid during the switch.
    private volatile int everyItemMask;         // bit per detector ordinal; written under this object's lock
    private final AtomicIntegerArray divisors;  // by detector ordinal
    // Racy: stat. Plain counters, one increment per sampled item on the alloc and free paths:
    // a LongAdder there cost more than the check it counts (benchmarks, trash figure). Under
    // contention an increment may be lost; the counts are statistics, never used for a decision.
    private final long[] checked;               // by detector ordinal
    private final long[] skipped;               // by detector ordinal
    private final LongAdder leaked = new LongAdder();      // items retired as leaked
    private final UmaDbg dbg;                   // counts outstanding allocations on demand

    ZoneChecks(String zone, DebugConfig config, UmaDbg dbg) {
        this.zone = zone;
        this.dbg = dbg;
        int n = Detector.values().length;
        this.divisors = new AtomicIntegerArray(n);
        this.checked = new long[n];
        this.skipped = new long[n];
        int mask = 0;
        for (Detector d : Detector.values()) {
            if (config.enabled(zone, d)) {
                mask |= 1 << d.ordinal();
            }
            divisors.set(d.ordinal(), config.divisor(zone, d));
        }
        this.enabledMask = mask;
        this.everyItemMask = everyItem();
    }

    /** Returns the detectors on with divisor 1. Caller holds this object's lock, or is the constructor. */
    private int everyItem() {
        int m = 0;
        for (Detector d : Detector.values()) {
            if ((enabledMask & (1 << d.ordinal())) != 0 && divisors.get(d.ordinal()) == 1) {
                m |= 1 << d.ordinal();
            }
        }
        return m;
    }

    /** Returns the zone's name. */
    public String zone() {
        return zone;
    }

    /** Returns true if {@code d} is on for this zone. */
    public boolean isEnabled(Detector d) {
        return (enabledMask & (1 << d.ordinal())) != 0;
    }

    /** Returns the switches, bit {@code 1 << d.ordinal()} per detector: one read for several tests. */
    int mask() {
        return enabledMask;
    }

    /**
     * Switches {@code d} on or off for this zone. A detector the zone's hooks do not serve (any
     * detector but TRASH in a zone built with TRASH alone, any in a zone built with none) is
     * switched here but checked only in zones built afterwards.
     */
    public synchronized void setEnabled(Detector d, boolean on) {
        enabledMask = on ? enabledMask | (1 << d.ordinal()) : enabledMask & ~(1 << d.ordinal());
        everyItemMask = everyItem();
    }

    /** Returns the sampling divisor of {@code d}. */
    public int divisor(Detector d) {
        return divisors.get(d.ordinal());
    }

    /** Sets the sampling divisor of {@code d}: 1 every item, N one item in N, 0 none. */
    public synchronized void setDivisor(Detector d, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("divisor: " + n + " (expected: >= 0; 1 every item, 0 none)");
        }
        divisors.set(d.ordinal(), n);
        everyItemMask = everyItem();
    }

    /** Returns how many times {@code d} checked (or prepared) an item. */
    public long checked(Detector d) {
        return checked[d.ordinal()];
    }

    /** Returns how many times {@code d} was on but skipped an item by its divisor. */
    public long skipped(Detector d) {
        return skipped[d.ordinal()];
    }

    /** Returns the number of items retired as leaked (never reused). */
    public long leaked() {
        return leaked.sum();
    }

    /**
     * Returns the number of this zone's allocations out now, counted from the item records, or
     * from the allocator's own item state in a zone that keeps none (lean trash hooks, or no
     * hooks): a scan, no counter on the allocation path. Racy against concurrent allocation and free.
     */
    public long outstanding() {
        return dbg.leaks().count(r -> r.owner != null && r.owner.name().equals(zone))
                + dbg.leaks().zoneWide().countUntracked(zone);
    }

    void addLeaked() {
        leaked.increment();
    }

    /**
     * Returns true if {@code d} is on and picks {@code item}, counting a check or a skip. The
     * pick depends on the item only, so an item is always or never checked under a divisor.
     */
    boolean sample(Detector d, Item item) {
        int o = d.ordinal();
        if ((everyItemMask & (1 << o)) != 0) { // on for every item: one read on the alloc and free paths
            checked[o]++;
            return true;
        }
        return sampleSlow(o, item);
    }

    /** {@link #sample} for a detector that is off or sampled by a divisor. */
    private boolean sampleSlow(int o, Item item) {
        if ((enabledMask & (1 << o)) == 0) {
            return false;
        }
        int div = divisors.get(o);
        if (div == 1 || (div > 1 && pick(item, div))) {
            checked[o]++;
            return true;
        }
        skipped[o]++;
        return false;
    }

    private static boolean pick(Item item, int div) {
        int h = item.slabId() * 0x9E3779B1 + item.index();
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return Integer.remainderUnsigned(h, div) == 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("zone \"" + zone + "\":");
        for (Detector d : Detector.values()) {
            if (isEnabled(d)) {
                sb.append(' ').append(d.name().toLowerCase(java.util.Locale.ROOT)).append(" 1/").append(divisor(d))
                        .append(" checked ").append(checked(d)).append(" skipped ").append(skipped(d));
            }
        }
        return sb.append(" leaked ").append(leaked()).toString();
    }
}
