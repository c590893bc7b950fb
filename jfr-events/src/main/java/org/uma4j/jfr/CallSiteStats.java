package org.uma4j.jfr;

/**
 * One call site's allocation account: what a {@link CallSiteSource} reports each period and
 * what {@link RecordingReader#sites()} reads back.
 *
 * @param site the site id that allocations carry ({@code Zone.alloc(flags, site)})
 * @param location where the site is, e.g. {@code com.example.Codec.read(Codec.java:42)}
 * @param zone the zone (size class) it allocates from, empty if several
 * @param allocations allocations made at the site
 * @param bytes bytes allocated at the site
 * @param live estimate of allocations not yet freed
 * @param liveBytes estimate of bytes not yet freed
 * @param call the call made there, e.g. {@code allocate} or {@code wrap}; empty if not known
 *     (recordings made before the event carried it)
 */
public record CallSiteStats(int site, String location, String zone, long allocations, long bytes, long live,
        long liveBytes, String call) {

    /** An account whose call is not known: {@link #call()} is empty. */
    public CallSiteStats(int site, String location, String zone, long allocations, long bytes, long live,
            long liveBytes) {
        this(site, location, zone, allocations, bytes, live, liveBytes, "");
    }
}
