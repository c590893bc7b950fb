package org.uma4j.alloc;

/** Fans one observer call out to two, in order; how several observers share a zone's one field. */
final class Observers {
    private Observers() {
    }

    static ZoneObserver of(ZoneObserver a, ZoneObserver b) {
        return new ZoneObserver() {
            @Override
            public void onSlab(Zone<?> zone, boolean grow, long bytes, int items) {
                a.onSlab(zone, grow, bytes, items);
                b.onSlab(zone, grow, bytes, items);
            }

            @Override
            public void onLimit(Zone<?> zone, boolean sleeping) {
                a.onLimit(zone, sleeping);
                b.onLimit(zone, sleeping);
            }

            @Override
            public void onSleep(Zone<?> zone, long startNanos, long nanos, boolean granted) {
                a.onSleep(zone, startNanos, nanos, granted);
                b.onSleep(zone, startNanos, nanos, granted);
            }

            @Override
            public void onReclaim(Zone<?> zone, Reclaim level, long startNanos, long nanos, long items, int slabs) {
                a.onReclaim(zone, level, startNanos, nanos, items, slabs);
                b.onReclaim(zone, level, startNanos, nanos, items, slabs);
            }
        };
    }

    static ItemObserver of(ItemObserver a, ItemObserver b) {
        return new ItemObserver() {
            @Override
            public void onAlloc(Zone<?> zone, Item item, int site) {
                a.onAlloc(zone, item, site);
                b.onAlloc(zone, item, site);
            }

            @Override
            public void onFree(Zone<?> zone, Item item, int site) {
                a.onFree(zone, item, site);
                b.onFree(zone, item, site);
            }
        };
    }
}
