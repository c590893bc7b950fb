package org.uma4j.dbg;

import java.util.EnumSet;
import java.util.Set;

/**
 * How much the debug layer does by default; {@link DebugConfig.Builder} switches single
 * detectors on or off on top of it.
 */
public enum Level {
    /** Nothing is installed: zones get no hooks and pay nothing. */
    OFF(EnumSet.noneOf(Detector.class)),
    /**
     * The cheap checks: trash, allocation state, refcounts, redzones and leak scopes. Sites are
     * the ids callers pass: no stack walk, no per-allocation object.
     */
    BASIC(EnumSet.of(Detector.TRASH, Detector.STATE, Detector.STALE, Detector.REFCOUNT, Detector.SCOPE,
            Detector.REDZONE)),
    /**
     * Everything: BASIC plus generation handles (a view per allocation) for stale-handle and
     * GC-tracked leak detection, a quarantine, the caller's frame when no site id is passed,
     * allocation and free stacks, and the last access records of each allocation.
     */
    FULL(EnumSet.allOf(Detector.class));

    private final Set<Detector> detectors; // on by default at this level

    Level(Set<Detector> detectors) {
        this.detectors = detectors;
    }

    /** Returns the detectors on by default at this level. */
    public Set<Detector> detectors() {
        Set<Detector> copy = EnumSet.noneOf(Detector.class);
        copy.addAll(detectors);
        return copy;
    }

    /**
     * Parses "off", "basic" or "full", in any case.
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static Level parse(String s) {
        for (Level l : values()) {
            if (l.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("level: " + s + " (expected: off, basic or full)");
    }
}
