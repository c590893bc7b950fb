package org.uma4j.agent.instrument;

/**
 * Gives the id that a rewritten {@code Zone.alloc}/{@code free} call passes to the allocator: an
 * id of the table the debug layer and JFR resolve sites in ({@code org.uma4j.dbg.SiteTable}), so
 * their reports name the application's line.
 *
 * <p>Called by class-loading threads while a class is transformed; must be thread-safe and
 * return the same id for the same site.
 */
@FunctionalInterface
public interface ZoneSiteIds {

    /**
     * Returns the id of a call site, registering it on first sight.
     *
     * @param className dotted name of the calling class
     * @param method calling method's name
     * @param file source file, or null
     * @param line line number, or -1
     * @return an id &gt; 0
     */
    int id(String className, String method, String file, int line);

    /** The debug layer's global site table; loaded at the first rewritten zone call, not before. */
    ZoneSiteIds DEBUG_SITE_TABLE = (c, m, f, l) -> org.uma4j.dbg.SiteTable.global().register(c, m, f, l);
}
