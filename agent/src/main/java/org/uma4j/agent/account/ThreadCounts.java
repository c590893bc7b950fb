package org.uma4j.agent.account;

import org.uma4j.agent.bridge.SiteCell;

/**
 * One platform thread's call counts at the sites it does not own (see {@link SiteCell}): per
 * site id, a row of {@code long}s holding the count and the bytes of each size class used; and
 * its sampling state: the countdown to the next buffer sampled for liveness at those sites, and
 * the throttling window, which also paces the samples of the sites it owns.
 *
 * <p>Row layout, for size class {@code k}: {@code row[2k]} = buffers, {@code row[2k + 1]} = their
 * bytes. A row is as long as the largest class its site has used on this thread needs, so a site
 * of small buffers costs a thread a few dozen bytes, not {@code 2 × SizeClass.COUNT} longs.
 *
 * <p>Threading: the owner thread alone writes, with plain stores: no atomic, which is the point.
 * {@link PerThreadCounts} readers read the rows racily while the owner runs (a statistic, off by
 * the calls in flight), and exactly once the owner has ended.
 */
final class ThreadCounts {

    // Declared before SHARED: static initializers run in text order, and SHARED's bySite must be
    // NONE, not null (a null made every virtual thread's call throw in add, uncounted).
    private static final long[][] NONE = new long[0][];

    /** The marker every virtual thread gets: it has no counts of its own. */
    static final ThreadCounts SHARED = new ThreadCounts(null);

    final Thread owner; // null for SHARED
    long[][] bySite = NONE; // owner only: row by site id, null for sites not called; replaced when grown
    // Owner only: [SiteCell.COUNTDOWN] buffers until the next sampled one (due at <= 0; Long.MAX_VALUE =
    // sampling off), [SiteCell.MEAN] the mean gap it was drawn with, its sample's weight (0 = none drawn
    // yet). The layout of a site cell's row head, so that one sampleDue serves both.
    final long[] countdown = new long[SiteCell.FIRST];
    long windowStart = System.nanoTime(); // owner only: when the current throttling window began
    int windowSamples; // owner only: buffers sampled in the current window

    ThreadCounts(Thread owner) {
        this.owner = owner;
    }

    /**
     * The row slot of a size class's count; its bytes follow.
     *
     * @param sizeClass a {@link SizeClass} index
     * @return the index of its count in a row
     */
    static int countSlot(int sizeClass) {
        return sizeClass << 1;
    }
}
