package org.uma4j.dbg;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the option string of {@link DebugConfig#parse}. A bad option fails with
 * {@code name: value (expected: ...)}.
 *
 * <p>Threading: stateless.
 */
final class ConfigParser {
    private ConfigParser() {
    }

    static DebugConfig parse(String options) {
        List<String[]> kvs = new ArrayList<>();
        Level level = Level.BASIC;
        for (String part : options.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("option: \"" + part.trim() + "\" (expected: key=value)");
            }
            String k = DebugConfig.key(part.substring(0, eq));
            String v = part.substring(eq + 1).trim();
            if (k.equals("level")) {
                level = Level.parse(v);
            } else {
                kvs.add(new String[] {k, v});
            }
        }
        DebugConfig.Builder b = DebugConfig.builder(level);
        for (String[] kv : kvs) {
            apply(b, kv[0], kv[1]);
        }
        return b.build();
    }

    private static void apply(DebugConfig.Builder b, String k, String v) {
        switch (k) {
            case "policy":
                b.policy(Policy.parse(v));
                return;
            case "handles":
                b.generationHandles(bool(k, v));
                return;
            case "sites":
                b.captureSites(bool(k, v));
                return;
            case "stacks":
                b.stacks(bool(k, v));
                return;
            case "records":
                b.accessRecords(integer(k, v));
                return;
            case "quarantine.items":
                b.quarantine(integer(k, v), b.build().quarantineBytes());
                return;
            case "quarantine.bytes":
                b.quarantine(b.build().quarantineItems(), integer(k, v));
                return;
            case "zones":
                b.zones(v.split("\\|"));
                return;
            default:
                break;
        }
        if (k.startsWith("policy.")) {
            b.policy(kind(k, k.substring("policy.".length())), Policy.parse(v));
        } else if (k.startsWith("zone.")) {
            String rest = k.substring("zone.".length());
            boolean div = rest.endsWith(".divisor");
            if (div) {
                rest = rest.substring(0, rest.length() - ".divisor".length());
            }
            int dot = rest.lastIndexOf('.');
            if (dot <= 0) {
                throw new IllegalArgumentException(k + ": " + v + " (expected: zone.<name>.<detector>[.divisor])");
            }
            String zone = rest.substring(0, dot);
            Detector d = detector(k, rest.substring(dot + 1));
            if (div) {
                b.divisor(zone, d, integer(k, v));
            } else {
                b.enable(zone, d, bool(k, v));
            }
        } else if (k.endsWith(".divisor")) {
            b.divisor(detector(k, k.substring(0, k.length() - ".divisor".length())), integer(k, v));
        } else {
            b.enable(detector(k, k), bool(k, v));
        }
    }

    private static Detector detector(String key, String name) {
        for (Detector d : Detector.values()) {
            if (d.name().equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("option: " + key + " (expected: level, policy, policy.<kind>, handles, "
                + "sites, stacks, records, quarantine.items, quarantine.bytes, zones, <detector>, "
                + "<detector>.divisor or zone.<name>.<detector>; detectors: trash, state, stale, refcount, "
                + "scope, leak, redzone, quarantine)");
    }

    private static FindingKind kind(String key, String name) {
        for (FindingKind f : FindingKind.values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException(key + ": " + name + " (expected: a finding kind such as leak or "
                + "duplicate_free)");
    }

    private static boolean bool(String k, String v) {
        switch (DebugConfig.key(v)) {
            case "on": case "true": case "yes": case "1": return true;
            case "off": case "false": case "no": case "0": return false;
            default: throw new IllegalArgumentException(k + ": " + v + " (expected: on or off)");
        }
    }

    private static int integer(String k, String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(k + ": " + v + " (expected: an integer >= 0)");
    }
}
