package org.uma4j.agent;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The agent's effective configuration, merged from four sources.
 *
 * <p>Precedence, highest first: the agent argument string ({@code key=value,key=value}), system
 * properties {@code -Duma4j.<key>}, environment variables {@code UMA4J_<KEY>} (camel case split
 * by underscores: {@code UMA4J_FAIL_ON_FINDINGS}; dots become underscores), the properties file
 * named by {@code config}, then the defaults. Unknown keys in the argument string or the file
 * are errors; unknown {@code uma4j.*} system properties and {@code UMA4J_*} variables are ignored,
 * since other uma4j modules read their own.
 *
 * <p>Threading: immutable once parsed.
 *
 * <pre>{@code
 * AgentOptions o = AgentOptions.parse("include=com.acme.*,report=target/uma4j.json",
 *         System.getProperties(), System.getenv());
 * }</pre>
 */
public final class AgentOptions {

    /** Splits the argument string at commas that start a new {@code key=} (JaCoCo's rule). */
    private static final Pattern ENTRY_SEPARATOR = Pattern.compile(",(?=[A-Za-z0-9_.\\-]+=)");

    private final Map<String, String> values; // every key's effective value, in OptionKey order
    private final Map<String, Long> limits; // limit.<zone> values by zone name

    private AgentOptions(Map<String, String> values, Map<String, Long> limits) {
        this.values = Collections.unmodifiableMap(values);
        this.limits = Collections.unmodifiableMap(limits);
    }

    /**
     * Merges and validates the configuration.
     *
     * @param agentArgs the agent argument string, may be null or empty
     * @param system the system properties
     * @param env the environment
     * @return the effective options
     * @throws BadOptionException for the first bad key or value, naming what was expected
     */
    public static AgentOptions parse(String agentArgs, Properties system, Map<String, String> env)
            throws BadOptionException {
        Map<String, String> args = splitArgs(agentArgs);
        Map<String, String> props = new LinkedHashMap<>();
        Map<String, String> environment = new LinkedHashMap<>();
        for (OptionKey k : OptionKey.values()) {
            if (k == OptionKey.LIMIT) {
                continue;
            }
            String p = system.getProperty("uma4j." + k.key());
            if (p != null) {
                props.put(k.key(), p);
            }
            String e = env.get(OptionKey.envName(k.key()));
            if (e != null) {
                environment.put(k.key(), e);
            }
        }
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith("uma4j.limit.")) {
                props.put(name.substring("uma4j.".length()), system.getProperty(name));
            }
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().startsWith("UMA4J_LIMIT_")) {
                environment.put(OptionKey.limitNameFromEnv(e.getKey().substring("UMA4J_LIMIT_".length())), e.getValue());
            }
        }
        String configFile = first(OptionKey.CONFIG.key(), args, props, environment);
        Map<String, String> file = configFile == null || configFile.isEmpty()
                ? Map.of() : readFile(configFile);

        Map<String, String> merged = new LinkedHashMap<>(file);
        merged.putAll(environment);
        merged.putAll(props);
        merged.putAll(args);
        return validate(merged);
    }

    /**
     * Tells whether any source asks for {@code strict=true}, without validating anything else;
     * used to decide how to fail when {@link #parse} did.
     *
     * @param agentArgs the agent argument string, may be null
     * @param system the system properties
     * @param env the environment
     * @return true if strict mode was requested
     */
    public static boolean strictRequested(String agentArgs, Properties system, Map<String, String> env) {
        String value = null;
        try {
            value = splitArgs(agentArgs).get("strict");
        } catch (BadOptionException ignored) {
            // a malformed entry elsewhere in the string; the other sources still count
        }
        if (value == null) {
            value = system.getProperty("uma4j.strict");
        }
        if (value == null) {
            value = env.get(OptionKey.envName("strict"));
        }
        return "true".equals(value);
    }

    private static Map<String, String> splitArgs(String agentArgs) throws BadOptionException {
        Map<String, String> out = new LinkedHashMap<>();
        if (agentArgs == null || agentArgs.isBlank()) {
            return out;
        }
        for (String entry : ENTRY_SEPARATOR.split(agentArgs.trim())) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new BadOptionException(entry, "key=value");
            }
            out.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return out;
    }

    private static Map<String, String> readFile(String path) throws BadOptionException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(path))) {
            p.load(r);
        } catch (IOException | RuntimeException e) {
            throw new BadOptionException("config=" + path, "a readable properties file; " + e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            out.put(name.startsWith("uma4j.") ? name.substring("uma4j.".length()) : name, p.getProperty(name).trim());
        }
        return out;
    }

    private static String first(String key, Map<String, String> a, Map<String, String> b, Map<String, String> c) {
        return a.getOrDefault(key, b.getOrDefault(key, c.get(key)));
    }

    private static AgentOptions validate(Map<String, String> merged) throws BadOptionException {
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionKey k : OptionKey.values()) {
            if (k != OptionKey.LIMIT) {
                values.put(k.key(), k.defaultValue());
            }
        }
        Map<String, Long> limits = new TreeMap<>();
        for (Map.Entry<String, String> e : merged.entrySet()) {
            OptionKey k = OptionKey.of(e.getKey());
            if (k == null) {
                throw new BadOptionException(e.getKey() + "=" + e.getValue(), "a key among " + OptionKey.names());
            }
            if (!k.accepts(e.getValue())) {
                throw new BadOptionException(e.getKey() + "=" + e.getValue(), k.expected());
            }
            if (k == OptionKey.LIMIT) {
                limits.put(e.getKey().substring(OptionKey.LIMIT.key().length()), Long.parseLong(e.getValue()));
            } else {
                values.put(k.key(), e.getValue());
            }
        }
        for (Map.Entry<String, Long> l : limits.entrySet()) {
            values.put(OptionKey.LIMIT.key() + l.getKey(), Long.toString(l.getValue()));
        }
        return new AgentOptions(values, limits);
    }

    /** @return include patterns, {@code ':'}-separated ({@code *} any characters, {@code ?} one) */
    public String include() {
        return values.get("include");
    }

    /** @return exclude patterns, {@code ':'}-separated; empty for none */
    public String exclude() {
        return values.get("exclude");
    }

    /** @return the JSON report path, or null for no report */
    public Path report() {
        return path("report");
    }

    /** @return the JFR recording path, or null for no recording */
    public Path jfr() {
        return path("jfr");
    }

    /** @return the JFR settings: a predefined configuration name or a {@code .jfc} path */
    public String jfrSettings() {
        return values.get("jfr.settings");
    }

    /** @return whether findings make the JVM exit with status 3 */
    public boolean failOnFindings() {
        return Boolean.parseBoolean(values.get("failOnFindings"));
    }

    /** @return whether a bad option or agent failure is fatal */
    public boolean strict() {
        return Boolean.parseBoolean(values.get("strict"));
    }

    /** @return whether to print the effective configuration at install */
    public boolean verbose() {
        return Boolean.parseBoolean(values.get("verbose"));
    }

    /** @return whether to register MBeans */
    public boolean jmx() {
        return Boolean.parseBoolean(values.get("jmx"));
    }

    /** @return the debug detector level: {@code off}, {@code basic} or {@code full} */
    public String debug() {
        return values.get("debug");
    }

    /**
     * @return whether the bridge is defined in the boot loader directly, falling back to a jar
     *     ({@code bridge=define}), or always appended in a jar ({@code bridge=jar})
     */
    public boolean bridgeInJar() {
        return values.get("bridge").equals("jar");
    }

    /** @return what a debug finding does: {@code log}, {@code throw} or {@code halt} */
    public String policy() {
        return values.get("policy");
    }

    /** @return whether Netty channels get the uma4j allocator ({@code netty=on}) */
    public boolean netty() {
        return values.get("netty").equals("on");
    }

    /** @return whether Jetty servers get the uma4j buffer pool ({@code jetty=on}) */
    public boolean jetty() {
        return values.get("jetty").equals("on");
    }

    /** @return track one buffer in this many for liveness; 0 = no tracking */
    public int sample() {
        return Integer.parseInt(values.get("sample"));
    }

    /** @return track at most this many buffers a second per thread for liveness; 0 = no limit */
    public int sampleRate() {
        return Integer.parseInt(values.get("sampleRate"));
    }

    /** @return the configured zone limits by zone name */
    public Map<String, Long> limits() {
        return limits;
    }

    /** @return every effective key and value, including defaults, in a stable order */
    public Map<String, String> asMap() {
        return values;
    }

    private Path path(String key) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? null : Path.of(v);
    }

    /** @return {@code key=value,...} of the effective configuration */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }
}
