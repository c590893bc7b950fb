package org.uma4j.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides by name alone whether a class may be instrumented: never the JDK, the agent, its
 * shaded libraries or the uma4j library packages; then the user's include and exclude patterns.
 *
 * <p>Patterns are dotted class names where {@code *} matches any characters (dots included) and
 * {@code ?} one character, separated by {@code ':'}: {@code com.acme.*:org.example.Main}.
 *
 * <p>Threading: immutable.
 */
public final class ClassFilter {

    /** Internal-name prefixes that are never instrumented. */
    private static final String[] BUILT_IN_EXCLUDES = {
        "java/", "javax/", "jdk/", "sun/", "com/sun/", "net/bytebuddy/",
        "org/uma4j/agent/", "org/uma4j/alloc/", "org/uma4j/mbuf/", "org/uma4j/dbg/", "org/uma4j/jfr/",
        "org/uma4j/integration/",
    };

    /** The agent's self-test class, admitted despite the built-in excludes. */
    static final String PROBE = "org/uma4j/agent/instrument/InstrumentationProbe";

    private final List<Pattern> include; // any must match
    private final List<Pattern> exclude; // none may match

    /**
     * Creates a filter.
     *
     * @param include {@code ':'}-separated include patterns
     * @param exclude {@code ':'}-separated exclude patterns, may be empty
     */
    public ClassFilter(String include, String exclude) {
        this.include = compile(include);
        this.exclude = compile(exclude);
    }

    /**
     * Tells whether a class may be instrumented.
     *
     * @param internalName the class's internal name ({@code com/acme/Foo})
     * @return true if included and not excluded
     */
    public boolean accepts(String internalName) {
        if (internalName.equals(PROBE)) {
            return true;
        }
        for (String prefix : BUILT_IN_EXCLUDES) {
            if (internalName.startsWith(prefix)) {
                return false;
            }
        }
        String dotted = internalName.replace('/', '.');
        return matchesAny(include, dotted) && !matchesAny(exclude, dotted);
    }

    private static boolean matchesAny(List<Pattern> patterns, String name) {
        for (Pattern p : patterns) {
            if (p.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    private static List<Pattern> compile(String patterns) {
        List<Pattern> out = new ArrayList<>();
        for (String glob : patterns.split(":")) {
            if (glob.isBlank()) {
                continue;
            }
            StringBuilder re = new StringBuilder();
            for (char c : glob.trim().toCharArray()) {
                if (c == '*') {
                    re.append(".*");
                } else if (c == '?') {
                    re.append('.');
                } else {
                    re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            out.add(Pattern.compile(re.toString()));
        }
        return out;
    }
}
