package org.uma4j.integration;

import org.uma4j.alloc.Buf;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.dbg.SiteTable;
import org.uma4j.dbg.UmaDbg;

/**
 * Teaches the debug layer installed on a registry, if any, which frames are buffer plumbing,
 * so that the caller frame it captures for an allocation or a free is the framework's or the
 * application's, not this module's or the framework's allocator classes.
 *
 * <p>Only {@link BufZones} touches this class, once when it is made: it loads uma-dbg's
 * {@code UmaDbg} to look the layer up, and nothing more when none is installed. The layer is
 * passed around as {@code Object} so that BufZones links without uma-dbg.
 *
 * <p>Threading: safe for any thread (the site table is).
 */
final class DebugSites {
    private DebugSites() {
    }

    /** Returns the debug layer installed on {@code registry}, or null if none or uma-dbg is absent. */
    static Object lookup(ZoneRegistry registry) {
        try {
            return UmaDbg.installed(registry);
        } catch (LinkageError absent) {
            return null; // uma-dbg is not on the class path: no hooks, no sites
        }
    }

    /** Returns true if the layer keeps access records, so that {@link #touch} is worth a call. */
    static boolean recordsAccesses(Object dbg) {
        return ((UmaDbg) dbg).config().accessRecords() > 0;
    }

    /** Adds a "touch" access record with {@code hint} to the allocation behind {@code b}. */
    static void touch(Object dbg, Buf b, Object hint) {
        ((UmaDbg) dbg).touch(b, String.valueOf(hint));
    }

    /** Tells the layer which frames to skip; returns true. */
    static boolean skip(Object layer, String... classPrefixes) {
        UmaDbg dbg = (UmaDbg) layer;
        SiteTable sites = dbg.sites();
        sites.skipFramesOf(DebugSites.class);
        for (String p : classPrefixes) {
            sites.skipPackage(p);
        }
        return true;
    }
}
