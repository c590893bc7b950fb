package org.uma4j.integration;

import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.dbg.SiteTable;
import org.uma4j.dbg.UmaDbg;

/**
 * Teaches the debug layer installed on a registry, if any, which frames are buffer plumbing,
 * so that the caller frame it captures for an allocation or a free is the framework's or the
 * application's, not this module's or the framework's allocator classes.
 *
 * <p>Only {@link BufZones#skipCallerFrames} touches this class; it loads uma-dbg's
 * {@code UmaDbg} to look the layer up, and nothing more when none is installed.
 *
 * <p>Threading: safe for any thread (the site table is).
 */
final class DebugSites {
    private DebugSites() {
    }

    /** Returns true if a layer was found and told; false if none is installed or uma-dbg is absent. */
    static boolean skip(ZoneRegistry registry, String... classPrefixes) {
        UmaDbg dbg;
        try {
            dbg = UmaDbg.installed(registry);
        } catch (LinkageError absent) {
            return false; // uma-dbg is not on the class path: nothing captures sites
        }
        if (dbg == null) {
            return false;
        }
        SiteTable sites = dbg.sites();
        sites.skipFramesOf(DebugSites.class);
        for (String p : classPrefixes) {
            sites.skipPackage(p);
        }
        return true;
    }
}
