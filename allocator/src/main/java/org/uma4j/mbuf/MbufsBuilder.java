package org.uma4j.mbuf;

import static org.uma4j.mbuf.MbufDescriptor.MCLBYTES;
import static org.uma4j.mbuf.MbufDescriptor.MJUM16BYTES;
import static org.uma4j.mbuf.MbufDescriptor.MJUM9BYTES;
import static org.uma4j.mbuf.MbufDescriptor.MJUMPAGESIZE;
import static org.uma4j.mbuf.MbufDescriptor.MSIZE;

import java.util.Objects;
import org.uma4j.alloc.ZoneRegistry;

/**
 * Builds an {@link Mbufs} family: its registry and its limits.
 *
 * <pre>{@code
 * Mbufs mbufs = Mbufs.builder().registry(new ZoneRegistry()).nmbclusters(1024).build();
 * }</pre>
 *
 * <p>Defaults follow FreeBSD's {@code tunable_mbinit}, with the maximum heap standing in for
 * physical memory: {@code maxmbufmem} is half the maximum heap; {@code nmbclusters} is
 * {@code maxmbufmem / 2048 / 4}, {@code nmbjumbop} {@code maxmbufmem / 4096 / 4},
 * {@code nmbjumbo9} and {@code nmbjumbo16} {@code maxmbufmem / size / 6}, and {@code nmbufs}
 * {@code maxmbufmem / 256 / 5}, at least the sum of the cluster limits. The system properties
 * {@code uma4j.nmbclusters}, {@code uma4j.nmbufs}, {@code uma4j.nmbjumbop},
 * {@code uma4j.nmbjumbo9} and {@code uma4j.nmbjumbo16} override the defaults (0 = unlimited);
 * the setters here override both.
 *
 * <p>Threading: a builder is used by one thread.
 */
public final class MbufsBuilder {
    ZoneRegistry registry = ZoneRegistry.global(); // where the family's zones are listed
    long nmbclusters;       // cluster limit, 0 = none
    long nmbufs;            // mbuf limit, 0 = none
    long nmbjumbop;         // page-jumbo limit, 0 = none
    long nmbjumbo9;         // 9k-jumbo limit, 0 = none
    long nmbjumbo16;        // 16k-jumbo limit, 0 = none
    long packetCacheBytes = 512L * MSIZE; // packet zone cache bound: 512 pairs, 1 MiB of parked clusters

    MbufsBuilder() {
        long maxmbufmem = Runtime.getRuntime().maxMemory() / 2;
        nmbclusters = property("nmbclusters", maxmbufmem / MCLBYTES / 4);
        nmbjumbop = property("nmbjumbop", maxmbufmem / MJUMPAGESIZE / 4);
        nmbjumbo9 = property("nmbjumbo9", maxmbufmem / MJUM9BYTES / 6);
        nmbjumbo16 = property("nmbjumbo16", maxmbufmem / MJUM16BYTES / 6);
        long clusters = nmbclusters + nmbjumbop + nmbjumbo9 + nmbjumbo16;
        nmbufs = property("nmbufs", Math.max(maxmbufmem / MSIZE / 5, clusters));
    }

    private static long property(String name, long dflt) {
        String v = System.getProperty("uma4j." + name);
        if (v == null) {
            return dflt;
        }
        try {
            return checkLimit("uma4j." + name, Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("uma4j." + name + ": \"" + v + "\" (expected: an integer >= 0, 0 for no limit)");
        }
    }

    static long checkLimit(String name, long n) {
        if (n < 0) {
            throw new IllegalArgumentException(name + ": " + n + " (expected: >= 0, 0 for no limit)");
        }
        return n;
    }

    /** Lists the family's zones in {@code registry} (default {@link ZoneRegistry#global()}). */
    public MbufsBuilder registry(ZoneRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /** Sets the 2 KiB cluster limit; 0 = none. */
    public MbufsBuilder nmbclusters(long n) {
        nmbclusters = checkLimit("nmbclusters", n);
        return this;
    }

    /** Sets the mbuf limit; 0 = none. */
    public MbufsBuilder nmbufs(long n) {
        nmbufs = checkLimit("nmbufs", n);
        return this;
    }

    /** Sets the page-jumbo limit; 0 = none. */
    public MbufsBuilder nmbjumbop(long n) {
        nmbjumbop = checkLimit("nmbjumbop", n);
        return this;
    }

    /** Sets the 9k-jumbo limit; 0 = none. */
    public MbufsBuilder nmbjumbo9(long n) {
        nmbjumbo9 = checkLimit("nmbjumbo9", n);
        return this;
    }

    /** Sets the 16k-jumbo limit; 0 = none. */
    public MbufsBuilder nmbjumbo16(long n) {
        nmbjumbo16 = checkLimit("nmbjumbo16", n);
        return this;
    }

    /** Bounds the bytes of mbuf items the packet zone caches (each carries a parked cluster). */
    public MbufsBuilder packetCacheBytes(long bytes) {
        packetCacheBytes = checkLimit("packetCacheBytes", bytes);
        return this;
    }

    /** Returns the limits chosen so far, in the order nmbufs, nmbclusters, nmbjumbop, nmbjumbo9, nmbjumbo16. */
    public long[] limits() {
        return new long[] {nmbufs, nmbclusters, nmbjumbop, nmbjumbo9, nmbjumbo16};
    }

    /**
     * Builds the family's zones and lists them in the registry.
     *
     * @throws IllegalArgumentException if the registry already has a zone of one of the names
     */
    public Mbufs build() {
        return Mbufs.create(this);
    }
}
