package org.uma4j.agent.integration;

import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.uma4j.agent.bridge.FrameworkHooks;

/**
 * The installed {@code netty=on} / {@code jetty=on} integrations: the advice transformer and
 * the bridge's consumers.
 *
 * <p>A consumer takes the framework class passed by the advice and, through a
 * {@link ClassValue} keyed on it, a handle to the integration's entry point made once per
 * framework class (so once per framework class loader): an {@link IntegrationLoader} over the
 * class's loader defines the integration class, Netty's {@code installAsDefault()} is called,
 * and {@code applyTo(Object)} (Netty) or {@code installOn(Object)} (Jetty) is looked up. Both
 * take and return JDK types only. When the framework's buffer API is not visible there, or the
 * integration cannot be loaded, one line is printed and the handle does nothing.
 *
 * <p>Self-test: the result of the first call per framework is checked and a refusal printed
 * as one line; no channel or server is made at install, because their static initialisers read
 * system properties the application may still set. At exit, a framework whose advice never ran
 * is named in one line ({@code uma4j: netty=on: no channel was created}).
 *
 * <p>Threading: {@link #start} and {@link #stop} run on the installing thread; the consumers on
 * any thread, concurrently.
 */
public final class FrameworkIntegrations {

    private static final MethodType ENTRY = MethodType.methodType(boolean.class, Object.class); // applyTo, installOn
    private static final MethodHandle NOTHING = // the entry of a loader without the framework: leaves it alone
            MethodHandles.dropArguments(MethodHandles.constant(boolean.class, false), 0, Object.class);

    private final Instrumentation inst; // where the transformer is registered
    private final FrameworkAdvice advice; // the transformer
    private final PrintStream log; // where the one-line messages go
    private final Thread exitNote; // prints the frameworks that never ran
    private final Framework netty = new Framework("netty", "no channel was created",
            "org.uma4j.integration.netty.NettyIntegration", "applyTo"); // netty=on state
    private final Framework jetty = new Framework("jetty", "no server was started",
            "org.uma4j.integration.jetty.JettyIntegration", "installOn"); // jetty=on state

    private FrameworkIntegrations(Instrumentation inst, boolean nettyOn, boolean jettyOn, PrintStream log) {
        this.inst = inst;
        this.advice = new FrameworkAdvice(nettyOn, jettyOn, log);
        this.log = log;
        netty.enabled = nettyOn;
        jetty.enabled = jettyOn;
        this.exitNote = new Thread(this::printUnused, "uma4j-integrations-exit");
    }

    /**
     * Fills the bridge's slots and registers the advice; with {@code late}, retransforms the
     * target classes already loaded.
     *
     * <pre>{@code
     * FrameworkIntegrations i = FrameworkIntegrations.start(inst, true, false, late, System.err);
     * }</pre>
     *
     * @param inst the JVM's instrumentation
     * @param nettyOn whether {@code netty=on}
     * @param jettyOn whether {@code jetty=on}
     * @param late whether the targets may already be loaded (attach)
     * @param log where the one-line messages go
     * @return the installed integrations, for {@link #stop}
     */
    public static FrameworkIntegrations start(Instrumentation inst, boolean nettyOn, boolean jettyOn, boolean late,
                                              PrintStream log) {
        FrameworkIntegrations f = new FrameworkIntegrations(inst, nettyOn, jettyOn, log);
        // Slots before the transformer: an advised class can only run after its transformation.
        if (nettyOn) {
            FrameworkHooks.nettyConfig = f.consumer(f.netty);
        }
        if (jettyOn) {
            FrameworkHooks.jettyServer = f.consumer(f.jetty);
        }
        inst.addTransformer(f.advice, true);
        if (late) {
            f.retransformTargets();
        }
        Runtime.getRuntime().addShutdownHook(f.exitNote);
        return f;
    }

    /**
     * Undoes {@link #start}, for tests: clears the slots, removes the transformer and
     * retransforms the targets back. Channels and servers changed so far keep uma4j's buffers.
     */
    public void stop() {
        FrameworkHooks.nettyConfig = null;
        FrameworkHooks.jettyServer = null;
        inst.removeTransformer(advice);
        retransformTargets();
        try {
            Runtime.getRuntime().removeShutdownHook(exitNote);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the note runs anyway
        }
    }

    /** @return calls of the Netty integration that gave a channel the uma4j allocator */
    public long nettyApplied() {
        return netty.applied.sum();
    }

    /** @return calls of the Jetty integration that gave a server the uma4j pool */
    public long jettyApplied() {
        return jetty.applied.sum();
    }

    private void retransformTargets() {
        List<Class<?>> targets = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getClassLoader() != null && advice.matches(c.getName().replace('.', '/'))) {
                targets.add(c);
            }
        }
        for (Class<?> c : targets) {
            try {
                inst.retransformClasses(c);
            } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                log.println("uma4j: cannot retransform " + c.getName() + " (" + e + "); instances made from now on"
                        + " keep the framework's own buffers");
            }
        }
    }

    private BiConsumer<Class<?>, Object> consumer(Framework fw) {
        ClassValue<MethodHandle> entries = new ClassValue<>() {
            @Override
            protected MethodHandle computeValue(Class<?> frameworkClass) {
                return entry(fw, frameworkClass);
            }
        };
        return (frameworkClass, target) -> {
            fw.calls.increment();
            boolean ok;
            try {
                ok = (boolean) entries.get(frameworkClass).invokeExact(target);
            } catch (Throwable t) {
                if (fw.firstChecked.compareAndSet(false, true)) {
                    log.println("uma4j: " + fw.name + "=on: " + t + " in " + fw.integration + "." + fw.method
                            + "; the framework keeps its own buffers");
                }
                return;
            }
            if (ok) {
                fw.applied.increment();
            }
            if (fw.firstChecked.compareAndSet(false, true) && !ok) {
                log.println("uma4j: " + fw.name + "=on: " + target.getClass().getName()
                        + " kept its own buffers (the application chose them, or see the line above)");
            }
        };
    }

    /** Makes the entry point's handle for the loader of {@code frameworkClass}; never throws. */
    private MethodHandle entry(Framework fw, Class<?> frameworkClass) {
        ClassLoader framework = frameworkClass.getClassLoader();
        try {
            ClassLoader loader = new IntegrationLoader(framework, FrameworkIntegrations.class.getClassLoader());
            Class<?> integration = Class.forName(fw.integration, true, loader);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            boolean available = fw.name.equals("netty")
                    ? (boolean) lookup.findStatic(integration, "installAsDefault", MethodType.methodType(boolean.class))
                            .invokeExact()
                    : (boolean) lookup.findStatic(integration, "isAvailable", MethodType.methodType(boolean.class))
                            .invokeExact();
            if (!available) {
                fw.firstChecked.set(true); // this line says it all
                log.println("uma4j: " + fw.name + "=on: the framework's buffer API is not visible from " + framework
                        + "; " + frameworkClass.getName() + " keeps its own buffers");
                return NOTHING;
            }
            return lookup.findStatic(integration, fw.method, ENTRY);
        } catch (Throwable t) {
            fw.firstChecked.set(true);
            log.println("uma4j: " + fw.name + "=on: cannot load " + fw.integration + " for " + framework + " (" + t
                    + "); the agent jar must hold " + IntegrationLoader.RESOURCE_ROOT + "; " + frameworkClass.getName()
                    + " keeps its own buffers");
            return NOTHING;
        }
    }

    private void printUnused() {
        for (Framework fw : new Framework[] {netty, jetty}) {
            if (fw.enabled && fw.calls.sum() == 0) {
                log.println("uma4j: " + fw.name + "=on: " + fw.unused);
            }
        }
    }

    /** One framework's names and counters. */
    private static final class Framework {
        final String name; // the option key
        final String unused; // the exit note when the advice never ran
        final String integration; // the integration class
        final String method; // its entry point
        final LongAdder calls = new LongAdder(); // advice calls
        final LongAdder applied = new LongAdder(); // calls that installed uma4j's buffers
        final AtomicBoolean firstChecked = new AtomicBoolean(); // CAS: the first result is checked once
        boolean enabled; // set before the consumer is published

        Framework(String name, String unused, String integration, String method) {
            this.name = name;
            this.unused = unused;
            this.integration = integration;
            this.method = method;
        }
    }
}
