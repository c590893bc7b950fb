package org.uma4j.agent;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The agent's option keys, their defaults and the values they accept.
 *
 * <p>{@code limit.<zone>} is a key family, matched by prefix; every other key is exact.
 */
enum OptionKey {
    INCLUDE("include", "*", "class name patterns separated by ':'", v -> !v.isEmpty()),
    EXCLUDE("exclude", "", "class name patterns separated by ':'", v -> true),
    REPORT("report", "", "a file path", v -> true),
    JFR("jfr", "", "a file path", v -> true),
    JFR_SETTINGS("jfr.settings", "uma4j", "uma4j|uma4j-profile|default|profile|<path of a .jfc file>",
            v -> !v.isEmpty()),
    FAIL_ON_FINDINGS("failOnFindings", "false", "true|false", OptionKey::isBoolean),
    STRICT("strict", "false", "true|false", OptionKey::isBoolean),
    VERBOSE("verbose", "false", "true|false", OptionKey::isBoolean),
    JMX("jmx", "false", "true|false", OptionKey::isBoolean),
    DEBUG("debug", "off", "off|basic|full", v -> v.equals("off") || v.equals("basic") || v.equals("full")),
    POLICY("policy", "log", "log|throw|halt", v -> v.equals("log") || v.equals("throw") || v.equals("halt")),
    NETTY("netty", "off", "on|off", OptionKey::isOnOff),
    JETTY("jetty", "off", "on|off", OptionKey::isOnOff),
    BRIDGE("bridge", "define", "define|jar", v -> v.equals("define") || v.equals("jar")),
    SAMPLE("sample", "1024", "an integer >= 0 (track 1 buffer in n; 0 = off)", v -> isLong(v, Integer.MAX_VALUE)),
    SAMPLE_RATE("sampleRate", "100", "an integer >= 0 (track at most n buffers a second per thread; 0 = no limit)",
            v -> isLong(v, Integer.MAX_VALUE)),
    CONFIG("config", "", "the path of a properties file", v -> true),
    LIMIT("limit.", "", "an integer >= 0 (0 = unlimited)", v -> isLong(v, Long.MAX_VALUE));

    private static final Pattern ZONE_NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private final String key; // name in agent args and properties; a prefix for LIMIT
    private final String defaultValue; // effective value when no source sets the key
    private final String expected; // the accepted values, as printed in errors
    private final Predicate<String> valid; // accepts exactly the values in expected

    OptionKey(String key, String defaultValue, String expected, Predicate<String> valid) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.expected = expected;
        this.valid = valid;
    }

    /** Returns the key for a name, or null if unknown. */
    static OptionKey of(String name) {
        for (OptionKey k : values()) {
            if (k == LIMIT) {
                if (name.startsWith(k.key) && ZONE_NAME.matcher(name.substring(k.key.length())).matches()) {
                    return k;
                }
            } else if (k.key.equals(name)) {
                return k;
            }
        }
        return null;
    }

    /** Returns every accepted name, for the "unknown key" message. */
    static String names() {
        StringBuilder b = new StringBuilder();
        for (OptionKey k : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(k == LIMIT ? "limit.<zone>" : k.key);
        }
        return b.toString();
    }

    /** Returns the environment variable of a name: {@code failOnFindings} is {@code UMA4J_FAIL_ON_FINDINGS}. */
    static String envName(String name) {
        StringBuilder b = new StringBuilder("UMA4J_");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                b.append('_').append(c);
            } else if (c == '.' || c == '-') {
                b.append('_');
            } else {
                b.append(Character.toUpperCase(c));
            }
        }
        return b.toString();
    }

    /** Returns the option name of an environment variable's suffix, for the {@code limit.} family. */
    static String limitNameFromEnv(String suffix) {
        return LIMIT.key + suffix.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    String key() {
        return key;
    }

    String defaultValue() {
        return defaultValue;
    }

    String expected() {
        return expected;
    }

    boolean accepts(String value) {
        return valid.test(value);
    }

    private static boolean isBoolean(String v) {
        return v.equals("true") || v.equals("false");
    }

    private static boolean isOnOff(String v) {
        return v.equals("on") || v.equals("off");
    }

    private static boolean isLong(String v, long max) {
        try {
            long n = Long.parseLong(v);
            return n >= 0 && n <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
