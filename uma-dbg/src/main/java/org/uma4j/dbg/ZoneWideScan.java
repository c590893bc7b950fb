package org.uma4j.dbg;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.uma4j.alloc.Item;
import org.uma4j.alloc.Keg;
import org.uma4j.alloc.Zone;

/**
 * Zone-wide (all-threads) leak scopes without per-item work: the allocator already keeps, for
 * every item, whether it is allocated, the site of its allocation and a generation that every
 * free bumps. A scope takes a snapshot of the allocated items and their generations when it
 * opens; at close, an item allocated now whose generation is not the snapshot's was allocated
 * while the scope was open and is still out. So the allocation path does nothing for these
 * scopes, and instrumented zones with no per-item detector on get no debug hooks at all.
 *
 * <p>The kegs to scan are bound at their first slab (a slow-path {@link
 * org.uma4j.alloc.ZoneObserver} event, see {@link UmaDbg}) or by the first debug hook call.
 *
 * <p>Threading: safe for any thread. Scans run under each keg's lock ({@link Keg#forEachItem})
 * and read the items' fields racily: an allocation or free racing a scan may or may not be
 * seen, as with any leak check made while the code under test still runs.
 */
final class ZoneWideScan {
    private final UmaDbg dbg;                                          // the layer
    private final Set<Keg<?>> kegs = ConcurrentHashMap.newKeySet();    // kegs of instrumented zones

    ZoneWideScan(UmaDbg dbg) {
        this.dbg = dbg;
    }

    void bind(Keg<?> keg) {
        kegs.add(keg);
    }

    /** Returns the allocated items of instrumented zones with their generations, now. */
    Map<Item, Integer> snapshot() {
        Map<Item, Integer> m = new IdentityHashMap<>();
        forEachAllocated(it -> m.put(it, it.generation()));
        return m;
    }

    /** Returns the allocations ever made in instrumented zones (their REQ counters summed). */
    long requests() {
        long n = 0;
        for (Keg<?> k : kegs) {
            for (Zone<?> z : k.zones()) {
                if (dbg.config().instruments(z.name())) {
                    n += z.stats().requests();
                }
            }
        }
        return n;
    }

    /** Counts the allocations of {@code s} still out: allocated now and not as the snapshot had them. */
    long count(LeakScope s) {
        return count(it -> counts(s, it));
    }

    /** Returns an unreported LEAK finding for each allocation of {@code s} still out. */
    List<Finding> leaks(LeakScope s, String detail) {
        return findings(it -> counts(s, it), detail);
    }

    /**
     * Counts the allocations of the zone named {@code zone} out now that no item record tracks:
     * those of a zone with lean trash hooks or with no hooks, known from the allocator's state.
     */
    long countUntracked(String zone) {
        return count(it -> untracked(zone, it));
    }

    /** Returns an unreported LEAK finding for each allocation {@link #countUntracked} counts. */
    List<Finding> untracked(String zone, String detail) {
        return findings(it -> untracked(zone, it), detail);
    }

    /** Counts the allocated items that {@code p} accepts. */
    private long count(Predicate<Item> p) {
        long[] n = {0};
        forEachAllocated(it -> {
            if (p.test(it)) {
                n[0]++;
            }
        });
        return n[0];
    }

    /** Returns an unreported LEAK finding for each allocated item that {@code p} accepts. */
    private List<Finding> findings(Predicate<Item> p, String detail) {
        List<Finding> out = new ArrayList<>();
        forEachAllocated(it -> {
            if (p.test(it)) {
                out.add(finding(it, detail));
            }
        });
        return out;
    }

    private boolean untracked(String zone, Item it) {
        Zone<?> z = it.zone();
        return z != null && z.name().equals(zone) && dbg.recordOf(z, it) == null;
    }

    /** Makes the allocations of {@code s} still out part of {@code outer}'s snapshot: reported once. */
    void handOver(LeakScope s, LeakScope outer) {
        Map<Item, Integer> into = outer.before();
        forEachAllocated(it -> {
            if (counts(s, it)) {
                synchronized (into) {
                    into.put(it, it.generation());
                }
            }
        });
    }

    /**
     * True if {@code it} (allocated) counts in {@code s}: it is not the allocation the snapshot
     * saw, and it does not count in a per-thread scope instead (the innermost scope wins).
     */
    private boolean counts(LeakScope s, Item it) {
        Map<Item, Integer> before = s.before();
        Integer gen;
        synchronized (before) { // written by handOver when an inner scope closes
            gen = before.get(it);
        }
        if (gen != null && gen == it.generation()) {
            return false;
        }
        ItemRecord r = dbg.recordOf(it.zone(), it);
        return r == null || r.scope == null || r.state() != ItemRecord.ALLOCATED;
    }

    private Finding finding(Item it, String detail) {
        Zone<?> z = it.zone();
        ItemRecord r = dbg.recordOf(z, it);
        boolean recorded = r != null && r.state() == ItemRecord.ALLOCATED && r.allocGen == it.generation();
        int site = recorded ? r.allocSite : it.allocationSite();
        return Finding.builder(FindingKind.LEAK).zone(z == null ? "-" : z.name())
                .item(it.index(), it.slabId()).generations(it.generation(), -1)
                .sites(Site.UNKNOWN, dbg.site(site), Site.UNKNOWN).detail(detail)
                .stacks(null, recorded ? r.allocStack : null, null)
                .accessRecords(recorded ? r.records() : List.of()).build();
    }

    /** Calls {@code action} with every allocated item (the slot, not a view) of an instrumented zone. */
    private void forEachAllocated(Consumer<Item> action) {
        for (Keg<?> k : kegs) {
            k.forEachItem(it -> {
                Zone<?> z = it.zone();
                if (z != null && it.isAllocated() && dbg.config().instruments(z.name())) {
                    action.accept(it);
                }
            });
        }
    }
}
