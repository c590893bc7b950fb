package org.uma4j.junit;

import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.dbg.DebugConfig;
import org.uma4j.dbg.Finding;
import org.uma4j.dbg.FindingListener;
import org.uma4j.dbg.LeakScope;
import org.uma4j.dbg.Level;
import org.uma4j.dbg.Policy;
import org.uma4j.dbg.UmaDbg;
import org.uma4j.dbg.UmaViolationException;

/**
 * The extension behind {@link UmaLeakCheck}. Before all tests of a class it finds the debug
 * layer of {@link ZoneRegistry#global()} (the agent's) or installs one; around each test (or
 * the class) it opens an all-threads {@link LeakScope} and listens for findings; after it, it
 * waits for outstanding frees, optionally runs GC-tracked leak detection, closes the scope and
 * fails with every finding seen.
 *
 * <p>Threading: JUnit calls it on the test thread. Findings raised on other threads reach the
 * listener concurrently, hence the copy-on-write list.
 */
public final class UmaLeakExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(UmaLeakExtension.class);

    /** One check in progress: the scope and what the listener has seen. */
    private static final class Check implements FindingListener {
        final UmaDbg dbg;                                        // the layer in use
        final LeakScope scope;                                   // counts the test's allocations
        final List<Finding> seen = new CopyOnWriteArrayList<>(); // findings while open; any thread

        Check(UmaDbg dbg, String name) {
            this.dbg = dbg;
            dbg.findings().addListener(this);
            this.scope = dbg.openScope(name, true);
        }

        @Override
        public void onFinding(Finding f) {
            seen.add(f);
        }
    }

    @Override
    public void beforeAll(ExtensionContext ctx) {
        UmaLeakCheck cfg = config(ctx);
        ExtensionContext.Store store = ctx.getStore(NS);
        UmaDbg dbg = UmaDbg.installed(ZoneRegistry.global());
        if (dbg == null) {
            dbg = UmaDbg.install(ZoneRegistry.global(), layerConfig(cfg));
            store.put("installed", dbg);
        }
        store.put("dbg", dbg);
        if (cfg.perClass() && !skipped(ctx.getRequiredTestClass())) {
            store.put("check", new Check(dbg, ctx.getDisplayName()));
        }
    }

    @Override
    public void beforeEach(ExtensionContext ctx) {
        UmaLeakCheck cfg = config(ctx);
        if (cfg.perClass() || skipped(ctx.getRequiredTestMethod())) {
            return;
        }
        UmaDbg dbg = ctx.getParent().orElseThrow().getStore(NS).get("dbg", UmaDbg.class);
        if (dbg == null) { // method-level annotation only: beforeAll did not run for the class
            dbg = UmaDbg.installed(ZoneRegistry.global());
            if (dbg == null) {
                dbg = UmaDbg.install(ZoneRegistry.global(), layerConfig(cfg));
                ctx.getStore(NS).put("installed", dbg);
            }
        }
        ctx.getStore(NS).put("check", new Check(dbg, ctx.getDisplayName()));
    }

    @Override
    public void afterEach(ExtensionContext ctx) throws Exception {
        Check check = ctx.getStore(NS).remove("check", Check.class);
        try {
            if (check != null) {
                finish(check, config(ctx), ctx.getDisplayName());
            }
        } finally {
            UmaDbg mine = ctx.getStore(NS).remove("installed", UmaDbg.class);
            if (mine != null) {
                mine.close();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext ctx) throws Exception {
        ExtensionContext.Store store = ctx.getStore(NS);
        Check check = store.remove("check", Check.class);
        try {
            if (check != null) {
                finish(check, config(ctx), ctx.getDisplayName());
            }
        } finally {
            UmaDbg mine = store.remove("installed", UmaDbg.class);
            if (mine != null) {
                mine.close();
            }
        }
    }

    private static void finish(Check check, UmaLeakCheck cfg, String name) throws InterruptedException {
        List<Throwable> thrown = new ArrayList<>();
        try {
            check.scope.awaitReleased(Duration.ofMillis(cfg.awaitMillis()));
            if (cfg.gc()) {
                check.dbg.collectLeaks(Duration.ofMillis(Math.max(1000, cfg.awaitMillis())));
            }
        } catch (UmaViolationException e) {
            thrown.add(e); // the layer's policy is THROW (the agent's choice): the findings came with it
        } finally {
            try {
                check.scope.close();
            } catch (UmaViolationException e) {
                thrown.add(e);
            }
            check.dbg.findings().removeListener(check);
        }
        if (check.seen.isEmpty() && thrown.isEmpty()) {
            return;
        }
        StringBuilder msg = new StringBuilder("uma4j: ").append(name).append(": ").append(check.seen.size())
                .append(" finding(s)");
        for (Finding f : check.seen) {
            msg.append(System.lineSeparator()).append(f.report());
        }
        AssertionFailedError error = new AssertionFailedError(msg.toString());
        for (Finding f : check.seen) {
            error.addSuppressed(f.toException()); // the fields, for tools that read them
        }
        thrown.forEach(error::addSuppressed);
        throw error;
    }

    /**
     * LOG, not THROW: a finding must not be thrown into the code under test; the test fails at
     * its end. Sites are captured from the caller's frame, since tests run without the agent's
     * site ids.
     */
    private static DebugConfig layerConfig(UmaLeakCheck cfg) {
        return DebugConfig.builder(Level.parse(cfg.level())).policy(Policy.LOG).captureSites(true).build();
    }

    private static boolean skipped(AnnotatedElement e) {
        return AnnotationSupport.isAnnotated(e, UmaLeakCheck.Skip.class);
    }

    private static UmaLeakCheck config(ExtensionContext ctx) {
        Optional<UmaLeakCheck> onMethod = ctx.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, UmaLeakCheck.class));
        if (onMethod.isPresent()) {
            return onMethod.get();
        }
        return ctx.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, UmaLeakCheck.class))
                .orElseThrow(() -> new IllegalStateException("uma4j: " + ctx.getDisplayName()
                        + " uses UmaLeakExtension without @UmaLeakCheck (expected: the annotation)"));
    }
}
