package org.uma4j.agent.account;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.uma4j.agent.bridge.BufferHooks;
import org.uma4j.agent.bridge.SiteCell;

/**
 * Assigns ids to call sites when their class is instrumented, and finds a site by id when its
 * call runs.
 *
 * <p>Ids start at 1: 0 means "no site" to the allocator ({@code Item.allocationSite()}).
 *
 * <p>A site is keyed by class, method, descriptor and the call's ordinal in the method, so
 * retransforming a class (late attach, a second loader defining the same class) reuses the
 * ids already handed out.
 *
 * <p>Threading: {@link #register} is called by class-loading threads and serialised on this
 * object; {@link #site(int)} is lock-free and called by allocating threads. A call site is
 * registered before its class is defined, so every id a running call passes is already
 * published in {@link #sites}.
 */
public final class SiteRegistry {

    private final PerThreadCounts perThread = new PerThreadCounts(this); // the sites' counts, per thread
    private final ConcurrentHashMap<String, Site> byKey = new ConcurrentHashMap<>(); // site key -> site
    private volatile Site[] sites = new Site[64]; // id -> site; replaced, never mutated after publish
    private SiteCell[] cells = new SiteCell[64]; // id -> the site's cell, as sites; guarded by this
    private boolean bound; // whether the bridge's hooks use this registry's cells; guarded by this
    private int size = 1; // next id; guarded by this

    /**
     * Returns the id of a call site, registering it on first sight.
     *
     * @param className dotted name of the calling class
     * @param method calling method's name
     * @param descriptor calling method's descriptor (part of the key only)
     * @param ordinal index of the call among the rewritten calls of that method
     * @param file source file or null
     * @param line line number or -1
     * @param kind the rewritten call
     * @param probe whether this is the agent's self-test site
     * @return the site's id
     */
    public int register(String className, String method, String descriptor, int ordinal,
                        String file, int line, CallKind kind, boolean probe) {
        String key = className + '.' + method + descriptor + '#' + ordinal;
        Site known = byKey.get(key);
        if (known != null) {
            return known.id();
        }
        synchronized (this) {
            known = byKey.get(key);
            if (known != null) {
                return known.id();
            }
            Site[] current = sites;
            if (size == current.length) {
                current = Arrays.copyOf(current, size * 2);
            } else {
                current = current.clone();
            }
            Site site = new Site(size, className, method, file, line, kind, probe, perThread);
            SiteCell[] cs = Arrays.copyOf(cells, current.length);
            cs[size] = site.cell();
            current[size++] = site;
            // Volatile write publishes the site before the transformed class can run.
            sites = current;
            cells = cs;
            if (bound) {
                BufferHooks.cells = cs; // volatile: the hooks see the cell with its site
            }
            byKey.put(key, site);
            return site.id();
        }
    }

    /**
     * Returns a site by id.
     *
     * @param id an id from {@link #register}
     * @return the site, or null for an unknown id
     */
    public Site site(int id) {
        Site[] s = sites;
        return id >= 0 && id < s.length ? s[id] : null;
    }

    /**
     * Makes the bridge's hooks count this registry's sites in their cells (an agent install),
     * or stop (an uninstall: the table emptied and every cell's owner released). Until bound, and
     * after, every call goes to the recorder.
     *
     * @param on true to bind, false to unbind
     */
    synchronized void bindCells(boolean on) {
        bound = on;
        BufferHooks.cells = on ? cells : new SiteCell[0];
        if (!on) {
            // Call sites of Java 11+ classes hold their cell as a constant: no owner, no counting.
            for (SiteCell c : cells) {
                if (c != null) {
                    c.release();
                }
            }
        }
    }

    /** @return the sites' counts, kept per thread */
    PerThreadCounts perThread() {
        return perThread;
    }

    /**
     * Describes a site for a report or a finding.
     *
     * @param id a site id, as the allocator's items carry it
     * @return {@code Class.method(File.java:42)}, or null for 0 or an unknown id
     */
    public String describe(int id) {
        Site s = site(id);
        return s == null ? null : s.toString();
    }

    /** @return every registered site, in id order (a snapshot) */
    public List<Site> sites() {
        Site[] s = sites;
        List<Site> out = new ArrayList<>();
        for (Site site : s) {
            if (site != null) {
                out.add(site);
            }
        }
        return out;
    }
}
