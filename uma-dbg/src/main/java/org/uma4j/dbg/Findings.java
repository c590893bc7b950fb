package org.uma4j.dbg;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * The hub every {@link Finding} goes through: it counts findings per kind, calls the
 * listeners, keeps the most recent ones, then applies the {@link Policy} of the finding's kind.
 *
 * <p>Each installed debug layer ({@link UmaDbg}) has its own hub; every hub also counts into
 * and notifies {@link #global()}, which is where the JFR module and the agent's report
 * subscribe when they do not hold the {@link UmaDbg} handle.
 *
 * <pre>{@code
 * Findings.global().addListener(f -> System.err.println("seen " + f.kind()));
 * long leaks = dbg.findings().count(FindingKind.LEAK);
 * }</pre>
 *
 * <p>Threading: safe for any thread. Counters are atomic; listeners are a copy-on-write list;
 * the recent list is guarded by its own monitor.
 */
public final class Findings {
    private static final Findings GLOBAL = new Findings(null, Map.of());
    private static final int RECENT = 256; // findings kept for recent()

    private final Findings parent;                     // global(), or null for the global hub
    private final Map<FindingKind, Policy> policies;   // per kind; LOG where absent
    private final List<FindingListener> listeners = new CopyOnWriteArrayList<>(); // in the order added
    private final AtomicLongArray counts = new AtomicLongArray(FindingKind.values().length); // by ordinal
    private final ArrayDeque<Finding> recent = new ArrayDeque<>(); // guarded by itself; newest last
    private final Set<Class<?>> brokenListeners = ConcurrentHashMap.newKeySet(); // printed once each
    volatile Consumer<String> log = Findings::logError;        // tests replace it
    volatile Runnable halt = () -> Runtime.getRuntime().halt(Policy.HALT_STATUS); // tests replace it

    Findings(Findings parent, Map<FindingKind, Policy> policies) {
        this.parent = parent;
        this.policies = policies.isEmpty() ? Map.of() : new EnumMap<>(policies);
    }

    /** Returns the process-wide hub: every finding of every installed debug layer reaches its listeners. */
    public static Findings global() {
        return GLOBAL;
    }

    /** Adds a listener; listeners are called in the order added. */
    public void addListener(FindingListener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
    }

    /** Removes a listener. */
    public void removeListener(FindingListener l) {
        listeners.remove(l);
    }

    /**
     * Sends the lines of {@link Policy#LOG} and {@link Policy#HALT} to {@code sink} instead of the
     * {@link System.Logger} named {@code org.uma4j.dbg} (the agent prints them its own way).
     *
     * @param sink receives one report (first line prefixed {@code UMA4J <KIND>:}) per call
     */
    public void logTo(Consumer<String> sink) {
        log = Objects.requireNonNull(sink, "sink");
    }

    /** Returns the number of findings of {@code kind} so far. */
    public long count(FindingKind kind) {
        return counts.get(kind.ordinal());
    }

    /** Returns the number of findings of every kind so far. */
    public long count() {
        long n = 0;
        for (int i = 0; i < counts.length(); i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** Returns the counts of every kind, in {@link FindingKind} order. */
    public Map<FindingKind, Long> counts() {
        Map<FindingKind, Long> m = new EnumMap<>(FindingKind.class);
        for (FindingKind k : FindingKind.values()) {
            m.put(k, count(k));
        }
        return m;
    }

    /** Returns the last findings (at most 256), oldest first. */
    public List<Finding> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    /** Returns the policy applied to findings of {@code kind} (the global hub only logs). */
    public Policy policy(FindingKind kind) {
        return policies.getOrDefault(kind, Policy.LOG);
    }

    /**
     * Delivers a finding: counts it, calls the listeners of this hub and of the global hub,
     * then applies the kind's policy.
     *
     * @throws UmaViolationException under {@link Policy#THROW}
     */
    public void report(Finding f) {
        deliver(f);
        if (parent != null) {
            parent.deliver(f);
        }
        switch (policy(f.kind())) {
            case THROW:
                throw f.toException();
            case HALT:
                log.accept(f.report());
                halt.run();
                break;
            default:
                log.accept(f.report());
                break;
        }
    }

    /**
     * Delivers findings found together (a scope's leaks): each is counted and passed to the
     * listeners; then the policy of the first one's kind applies once, so {@link Policy#THROW}
     * throws one exception carrying them all ({@link LeakException#leaks()} for leaks).
     */
    public void reportAll(List<Finding> fs) {
        if (fs.isEmpty()) {
            return;
        }
        for (Finding f : fs) {
            deliver(f);
            if (parent != null) {
                parent.deliver(f);
            }
        }
        Finding first = fs.get(0);
        switch (policy(first.kind())) {
            case THROW:
                if (first.kind() == FindingKind.LEAK) {
                    throw new LeakException(first, fs);
                }
                UmaViolationException e = first.toException();
                for (int i = 1; i < fs.size(); i++) {
                    e.addSuppressed(fs.get(i).toException());
                }
                throw e;
            case HALT:
                fs.forEach(f -> log.accept(f.report()));
                halt.run();
                break;
            default:
                fs.forEach(f -> log.accept(f.report()));
                break;
        }
    }

    /**
     * Delivers a finding found at fini, inside a reclaim or another free's spill: as
     * {@link #report}, except that under {@link Policy#THROW} it is logged and delivered, not
     * thrown, since an exception there would strand the rest of the bucket being drained.
     */
    void reportFromFini(Finding f) {
        if (policy(f.kind()) == Policy.THROW) {
            reportQuietly(f);
        } else {
            report(f);
        }
    }

    /** Delivers a finding to listeners and logs it, whatever the policy: for paths that must not throw. */
    void reportQuietly(Finding f) {
        deliver(f);
        if (parent != null) {
            parent.deliver(f);
        }
        log.accept(f.report());
    }

    private void deliver(Finding f) {
        counts.incrementAndGet(f.kind().ordinal());
        synchronized (recent) {
            if (recent.size() == RECENT) {
                recent.removeFirst();
            }
            recent.addLast(f);
        }
        for (FindingListener l : listeners) {
            try {
                l.onFinding(f);
            } catch (RuntimeException | LinkageError e) {
                if (brokenListeners.add(l.getClass())) {
                    logError("uma4j: finding listener " + l.getClass().getName() + " threw " + e
                            + " (ignored; printed once per listener class)");
                }
            }
        }
    }

    private static void logError(String line) {
        System.getLogger("org.uma4j.dbg").log(System.Logger.Level.ERROR, line);
    }
}
