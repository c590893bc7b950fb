package org.uma4j.dbg;

import java.security.CodeSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.uma4j.alloc.Zone;

/**
 * The registry of call sites: a site id (an {@code int} the allocator carries with every
 * allocation and free) resolves here to class, method, file and line.
 *
 * <p>The agent registers the call sites it rewrites at instrumentation time and passes their
 * ids as constants, so attributing an allocation costs no stack walk. When a caller passes
 * id 0 and the debug level asks for it, {@link #capture()} walks the stack once to the first
 * frame outside uma4j and registers that frame; frames of uma4j's own classes (those loaded
 * from the same code source as the allocator or this module, or added with
 * {@link #skipFramesOf(Class)} and {@link #skipPackage(String)}) are dropped, so the user's
 * frame comes first.
 *
 * <pre>{@code
 * int site = SiteTable.global().register("com.acme.Codec", "encode", "Codec.java", 42);
 * Buf b = zone.alloc(Zone.WAITOK, site);    // reports say "Codec.java:42"
 * }</pre>
 *
 * <p>Threading: safe for any thread. Registration takes the table's monitor; resolution reads
 * a volatile array.
 */
public final class SiteTable {
    private static final SiteTable GLOBAL = new SiteTable();
    private static final int MAX_STACK = 64; // frames kept by captureStack

    private volatile Site[] sites = {Site.UNKNOWN};            // by id; replaced under this
    private final Map<String, Integer> ids = new ConcurrentHashMap<>(); // "class#method#file#line" -> id
    private final List<CodeSource> internalSources = new CopyOnWriteArrayList<>(); // uma4j jars/dirs
    private final List<String> internalPrefixes = new CopyOnWriteArrayList<>();    // skipped packages
    // RETAIN_CLASS_REFERENCE keeps the Class of each frame for the "is it uma4j's own" test.
    private final StackWalker walker = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private final ClassValue<Boolean> internal = new ClassValue<>() { // per class: is it uma4j's own? computed once
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isInternalSlow(type);
        }
    };

    /** Creates an empty table that skips the frames of the allocator and of this module. */
    public SiteTable() {
        skipFramesOf(Zone.class);
        skipFramesOf(SiteTable.class);
    }

    /** Returns the process-wide table that the agent and the debug layer use by default. */
    public static SiteTable global() {
        return GLOBAL;
    }

    /**
     * Registers a call site, or returns the id it already has.
     *
     * @param className binary class name, not null
     * @param methodName method name, not null
     * @param fileName source file name, or null if unknown
     * @param line line number, or -1 if unknown
     * @return the site id, &gt; 0
     */
    public int register(String className, String methodName, String fileName, int line) {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
        String key = className + '#' + methodName + '#' + fileName + '#' + line;
        Integer id = ids.get(key);
        return id != null ? id : registerSlow(key, className, methodName, fileName, line);
    }

    private synchronized int registerSlow(String key, String cls, String method, String file, int line) {
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        Site[] old = sites;
        Site[] next = Arrays.copyOf(old, old.length + 1);
        next[old.length] = new Site(old.length, cls, method, file, line);
        sites = next; // volatile write publishes the new Site before its id escapes
        ids.put(key, old.length);
        return old.length;
    }

    /** Returns the site of {@code id}, or {@link Site#UNKNOWN} for 0 and for ids never registered. */
    public Site resolve(int id) {
        Site[] s = sites;
        return id > 0 && id < s.length ? s[id] : Site.UNKNOWN;
    }

    /** Returns the number of registered sites. */
    public int size() {
        return sites.length - 1;
    }

    /**
     * Walks the caller's stack to the first frame outside uma4j and registers it. Costs a stack
     * walk: the debug layer calls it only when the level asks for caller frames.
     *
     * @return the site id, or 0 if every frame is internal
     */
    public int capture() {
        Optional<StackWalker.StackFrame> f = walker.walk(s -> s.filter(this::isUser).findFirst());
        if (f.isEmpty()) {
            return 0;
        }
        StackWalker.StackFrame fr = f.get();
        return register(fr.getClassName(), fr.getMethodName(), fr.getFileName(), fr.getLineNumber());
    }

    /** Returns the caller's stack from the first frame outside uma4j, at most 64 frames. */
    public StackTraceElement[] captureStack() {
        List<StackTraceElement> frames = walker.walk(s -> s.dropWhile(f -> !isUser(f)).limit(MAX_STACK)
                .map(StackWalker.StackFrame::toStackTraceElement).collect(Collectors.toList()));
        return frames.toArray(new StackTraceElement[0]);
    }

    /**
     * Treats every class loaded from the same jar or directory as {@code type} as uma4j's own.
     * The verdict per class is cached at its first capture, so call this (and
     * {@link #skipPackage}) at start-up, before the first capture.
     */
    public void skipFramesOf(Class<?> type) {
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        if (cs != null && !internalSources.contains(cs)) {
            internalSources.add(cs);
        }
    }

    /**
     * Treats classes whose name starts with {@code prefix} as internal: for wrapper layers such
     * as an integration's buffer class, so the report names the wrapper's caller.
     */
    public void skipPackage(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix: \"" + prefix + "\" (expected: a package or class prefix)");
        }
        internalPrefixes.add(prefix);
    }

    private boolean isUser(StackWalker.StackFrame f) {
        return !internal.get(f.getDeclaringClass());
    }

    private boolean isInternalSlow(Class<?> type) {
        String n = type.getName();
        if (Stream.of("java.lang.invoke.", "jdk.internal.reflect.").anyMatch(n::startsWith)) {
            return true;
        }
        for (String p : internalPrefixes) {
            if (n.startsWith(p)) {
                return true;
            }
        }
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        return cs != null && internalSources.contains(cs);
    }
}
