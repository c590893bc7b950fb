package org.uma4j.jfr;

import org.uma4j.dbg.Finding;
import org.uma4j.dbg.FindingListener;
import org.uma4j.dbg.Site;

/**
 * The {@link FindingListener} that writes uma-dbg's findings as JFR events, one event type per
 * kind ({@link FindingEvent}'s nested classes). {@link JfrInstall} subscribes it to
 * {@code Findings.global()}, which every installed debug layer reports to. Findings are rare,
 * so each one allocates its event freely; the guard still comes first, so a detector running
 * without a recording pays one volatile read per finding.
 *
 * <p>Threading: stateless; called on the thread that found the violation, before the
 * finding's policy acts (so before an exception is thrown or the VM halts).
 */
final class FindingEvents implements FindingListener {
    // Probes, by FindingKind ordinal; asked only isEnabled().
    private static final FindingEvent[] PROBES = {new FindingEvent.Leak(), new FindingEvent.ModifiedAfterFree(),
        new FindingEvent.DuplicateFree(), new FindingEvent.DuplicateAlloc(), new FindingEvent.WrongZoneFree(),
        new FindingEvent.ForeignFree(), new FindingEvent.StaleHandle(), new FindingEvent.RefcountError(),
        new FindingEvent.RedzoneOverflow()};

    @Override
    public void onFinding(Finding f) {
        int k = f.kind().ordinal();
        if (k >= PROBES.length || !PROBES[k].isEnabled()) {
            return; // a kind newer than this module, or the event is off
        }
        FindingEvent e = create(k);
        e.kind = f.kind().name();
        e.zone = text(f.zone());
        e.otherZone = text(f.otherZone());
        e.slab = f.slabId();
        e.index = f.index();
        e.generation = f.generation();
        e.handleGeneration = f.handleGeneration();
        e.offset = f.offset();
        e.value = f.value();
        e.modifiedBytes = f.modifiedBytes();
        e.length = f.length();
        e.itemSize = f.size();
        e.refs = f.refs();
        e.detail = text(f.detail());
        e.site = site(f.site());
        e.allocationSite = site(f.allocSite());
        e.freeSite = site(f.freeSite());
        e.message = f.message();
        e.commit();
    }

    private static FindingEvent create(int kind) {
        switch (kind) {
            case 0: return new FindingEvent.Leak();
            case 1: return new FindingEvent.ModifiedAfterFree();
            case 2: return new FindingEvent.DuplicateFree();
            case 3: return new FindingEvent.DuplicateAlloc();
            case 4: return new FindingEvent.WrongZoneFree();
            case 5: return new FindingEvent.ForeignFree();
            case 6: return new FindingEvent.StaleHandle();
            case 7: return new FindingEvent.RefcountError();
            default: return new FindingEvent.RedzoneOverflow();
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String site(Site s) {
        return s == null || !s.isKnown() ? "" : s.describe();
    }
}
