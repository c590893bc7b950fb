package org.uma4j.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.uma4j.agent.account.Accounting;
import org.uma4j.agent.account.Site;
import org.uma4j.agent.account.SiteRegistry;
import org.uma4j.agent.account.SizeClass;
import org.uma4j.agent.account.SizeClassCounters;
import org.uma4j.agent.bridge.BufferHooks;
import org.uma4j.agent.instrument.BootstrapBridge;
import org.uma4j.agent.instrument.CallSiteRewriter;
import org.uma4j.agent.instrument.CallSiteTransformer;
import org.uma4j.agent.instrument.ClassFilter;
import org.uma4j.agent.instrument.InstrumentationProbe;
import org.uma4j.agent.integration.FrameworkIntegrations;
import org.uma4j.agent.jmx.AgentMXBean;
import org.uma4j.agent.jmx.ZoneMBeans;
import org.uma4j.agent.report.AgentCallSites;
import org.uma4j.agent.report.AllocatorZones;
import org.uma4j.agent.report.DebugFindings;
import org.uma4j.agent.report.ExitReport;
import org.uma4j.agent.report.JfrRecording;
import org.uma4j.agent.report.ReportWriter;
import org.uma4j.agent.report.SizeClassZones;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneConfigurer;
import org.uma4j.alloc.ZoneRegistry;

/**
 * The installed agent: its registry, recorder, transformer and report writer.
 *
 * <p>This class names the bridge, and {@link Uma4jAgent} reaches it only through {@link #start},
 * which appends the bridge jar to the boot class path before its first use of
 * {@link BufferHooks}. The class itself is linked before that, so no code here may need a bridge
 * type loaded to be verified: assigning an {@code Accounting} to the {@code BufferRecorder} slot
 * would load that interface from the agent jar ({@code Accounting.install()} does it instead).
 *
 * <p>Threading: built once by the installing thread; {@link #dump} may be called by any thread;
 * {@link #stop} by one thread after start returned.
 */
final class AgentRuntime {

    /** System property set once installed; not an option key, so option parsing ignores it. */
    static final String INSTALLED_PROPERTY = "uma4j.agent.installed";
    /** System property telling whether the agent's report is readable over JMX. */
    static final String JMX_PROPERTY = "uma4j.agent.jmx";

    private final SiteRegistry registry = new SiteRegistry(); // every call site seen
    private final Accounting accounting; // the recorder behind the bridge
    private final ReportWriter writer; // the report
    private Instrumentation inst; // set by start; read by stop (same thread in tests)
    private CallSiteTransformer transformer; // set by start
    private ClassFilter filter; // set by start
    private Thread exitHook; // the report hook, or null
    private ZoneMBeans jmx; // registered MBeans, or null
    private ZoneConfigurer limitConfigurer; // applies limit.<zone> to new zones, or null
    private volatile DebugFindings debugFindings; // the debug layer's findings, or null at debug=off; read by the exit hook
    private boolean jfrStarted; // whether JfrRecording installed uma4j's JFR events
    private FrameworkIntegrations frameworks; // netty=on / jetty=on, or null
    private final SizeClassZones sizeClassZones; // the accounting zones, for the report and JFR

    private AgentRuntime(AgentOptions options, PrintStream err) {
        accounting = new Accounting(registry, options.sample(), options.sampleRate());
        writer = new ReportWriter(options.asMap(), registry, accounting, err);
        // A lambda, so the allocator is loaded at report time only, unless jmx or limits need it.
        writer.addZoneSource(() -> new AllocatorZones(ZoneRegistry.global()).zones());
        sizeClassZones = new SizeClassZones(registry, accounting, options.limits());
        writer.addZoneSource(sizeClassZones);
    }

    /**
     * Installs the agent; on failure leaves nothing installed that would change the application.
     *
     * @param options the effective options
     * @param inst the JVM's instrumentation
     * @param late whether already loaded classes must be retransformed
     * @param err where one-line messages go
     * @return the runtime
     * @throws InstallFailure with the one line to print
     */
    static AgentRuntime start(AgentOptions options, Instrumentation inst, boolean late, PrintStream err)
            throws InstallFailure {
        try {
            BootstrapBridge.append(inst, options.bridgeInJar());
        } catch (IOException | RuntimeException e) {
            throw new InstallFailure("uma4j: cannot put the bridge on the boot class path (" + e
                    + "); check that the temporary directory is writable; running uninstrumented");
        }
        AgentRuntime r = new AgentRuntime(options, err);
        ClassFilter filter = new ClassFilter(options.include(), options.exclude());
        CallSiteTransformer transformer = new CallSiteTransformer(filter, new CallSiteRewriter(r.registry), err);
        r.inst = inst;
        r.filter = filter;
        r.transformer = transformer;
        r.accounting.install(); // published before any rewritten class can run
        inst.addTransformer(transformer, true);
        String problem = r.selfTest(inst);
        if (problem != null) {
            inst.removeTransformer(transformer);
            r.accounting.uninstall();
            throw new InstallFailure("uma4j: self-test failed: " + problem + "; running uninstrumented");
        }
        r.accounting.startLivenessThread();
        if (late) {
            retransformLoaded(inst, filter, err);
        }
        r.startOutputs(options, transformer, err);
        if (options.netty() || options.jetty()) {
            // After the debug layer: the integrations' zones are built at the first channel or server.
            r.frameworks = FrameworkIntegrations.start(inst, options.netty(), options.jetty(), late, err);
        }
        if (options.verbose()) {
            err.println("uma4j: installed; " + transformer.transformedCount() + " class(es) rewritten so far");
        }
        return r;
    }

    /** Starts what the options ask for beyond accounting: exit report, JFR, limits, debug layer, JMX. */
    private void startOutputs(AgentOptions options, CallSiteTransformer transformer, PrintStream err) {
        if (options.jfr() != null) {
            try {
                JfrRecording.start(options.jfr(), options.jfrSettings(), new AgentCallSites(registry, accounting),
                        sizeClassZones);
                jfrStarted = true;
            } catch (Exception | LinkageError e) {
                err.println("uma4j: cannot start the JFR recording for jfr=" + options.jfr() + " with jfr.settings="
                        + options.jfrSettings() + " (" + e + "); continuing without it");
            }
        }
        if (options.report() != null || options.failOnFindings() || jfrStarted) {
            boolean jfr = jfrStarted;
            Runnable before = () -> {
                DebugFindings d = debugFindings; // installed below, if debug is on
                if (d != null) {
                    d.verifyQuarantined(); // a write to an item still held is a finding of this run
                }
                if (jfr) {
                    JfrRecording.finish();
                }
            };
            exitHook = new Thread(new ExitReport(writer, options.report(), options.failOnFindings(),
                    Runtime.getRuntime()::halt, err, before), "uma4j-exit-report");
            Runtime.getRuntime().addShutdownHook(exitHook);
        }
        if (!options.limits().isEmpty()) {
            limitConfigurer = applyLimits(options.limits(), ZoneRegistry.global());
        }
        if (!options.debug().equals("off")) {
            debugFindings = DebugFindings.install(options.debug(), options.policy(), err);
            writer.addFindingSource(debugFindings);
        }
        if (options.jmx()) {
            jmx = ZoneMBeans.platform(err);
            jmx.install(ZoneRegistry.global());
            jmx.registerAgent(agentView(transformer));
        }
        // Tells umastat <pid> (through the attach API) that an agent runs here and how to read it.
        System.setProperty(INSTALLED_PROPERTY, "true");
        System.setProperty(JMX_PROPERTY, Boolean.toString(options.jmx()));
    }

    /**
     * Applies {@code limit.<zone>} to the allocator's zones: those built already now, later ones
     * as they are built. Names that match no allocator zone only label the accounting zones.
     *
     * @return the configurer added for zones built later
     */
    private static ZoneConfigurer applyLimits(Map<String, Long> limits, ZoneRegistry zones) {
        ZoneConfigurer c = b -> {
            Long max = limits.get(b.name());
            if (max != null) {
                b.limit(max); // validated >= 0 when the options were parsed, so this cannot throw
            }
        };
        zones.addConfigurer(c);
        for (Zone<?> z : zones.zones()) {
            Long max = limits.get(z.name());
            if (max != null) {
                z.setLimit(max);
            }
        }
        return c;
    }

    /**
     * Undoes {@link #start}, for tests: removes the transformer and the recorder, retransforms
     * the included classes back to their original code, removes the exit report hook, the
     * MBeans, the limit configurer and the debug layer it installed. Limits already set on
     * zones stay. Methods running at this moment finish with the rewritten code, whose hooks
     * then find no recorder.
     */
    void stop() {
        if (frameworks != null) {
            frameworks.stop();
        }
        inst.removeTransformer(transformer);
        accounting.uninstall();
        retransformLoaded(inst, filter, System.err);
        if (exitHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(exitHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook runs anyway
            }
        }
        if (jmx != null) {
            jmx.uninstall();
        }
        if (limitConfigurer != null) {
            ZoneRegistry.global().removeConfigurer(limitConfigurer);
        }
        if (debugFindings != null) {
            debugFindings.close();
        }
        if (jfrStarted) {
            JfrRecording.stopNow(); // writes the recording now: the exit hook goes with the uninstall
            JfrRecording.stopEvents();
        }
        System.clearProperty(INSTALLED_PROPERTY);
        System.clearProperty(JMX_PROPERTY);
    }

    /** Runs the probe call site and returns null if it was accounted, or what went wrong. */
    private String selfTest(Instrumentation inst) {
        if (BufferHooks.class.getClassLoader() != null) {
            return "the bridge was loaded by " + BufferHooks.class.getClassLoader()
                    + " instead of the boot class loader";
        }
        if (!inst.isRetransformClassesSupported()) {
            return "the agent jar's manifest lacks Can-Retransform-Classes: true";
        }
        if (InstrumentationProbe.probe().capacity() != 1) {
            return "the probe call returned a wrong buffer";
        }
        for (Site s : registry.sites()) {
            if (s.probe()) {
                SizeClassCounters c = s.countersIfUsed(SizeClass.of(1));
                return c != null && c.count() > 0 ? null : "the probe call site was rewritten but not accounted";
            }
        }
        return "the probe call site was not rewritten (another agent or a class loader filter may interfere)";
    }

    private static void retransformLoaded(Instrumentation inst, ClassFilter filter, PrintStream err) {
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getClassLoader() != null && !c.isArray() && inst.isModifiableClass(c)
                    && filter.accepts(c.getName().replace('.', '/'))) {
                candidates.add(c);
            }
        }
        try {
            inst.retransformClasses(candidates.toArray(new Class<?>[0]));
        } catch (UnmodifiableClassException | RuntimeException | LinkageError batchFailure) {
            // One bad class fails the batch: retry one by one so the others are still rewritten.
            int failed = 0;
            for (Class<?> c : candidates) {
                try {
                    inst.retransformClasses(c);
                } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                    failed++;
                }
            }
            err.println("uma4j: " + failed + " of " + candidates.size()
                    + " loaded class(es) could not be retransformed; they run unchanged");
        }
    }

    /**
     * Writes the current report to a path, for {@code umastat <pid>}.
     *
     * @param path the target
     * @throws IOException if writing fails
     */
    void dump(Path path) throws IOException {
        ReportWriter.write(path, writer.build(writer.findings()));
    }

    /** The agent's JMX view: the current report and the transformer's counters. */
    private AgentMXBean agentView(CallSiteTransformer transformer) {
        return new AgentMXBean() {
            @Override
            public String getReport() {
                try {
                    return ReportWriter.toJson(writer.build(writer.findings()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public long getTransformedClasses() {
                return transformer.transformedCount();
            }

            @Override
            public long getTransformFailures() {
                return transformer.failureCount();
            }
        };
    }

    /** An install step failed; the message is the one line to print. */
    static final class InstallFailure extends Exception {
        private static final long serialVersionUID = 1L;

        InstallFailure(String line) {
            super(line);
        }
    }
}
