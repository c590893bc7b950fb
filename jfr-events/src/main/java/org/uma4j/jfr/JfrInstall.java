package org.uma4j.jfr;

import java.util.List;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import org.uma4j.alloc.ZoneConfigurer;
import org.uma4j.alloc.ZoneRegistry;
import org.uma4j.dbg.Findings;

/**
 * One installation of uma4j's JFR events: the zone configurer that puts {@link ZoneEvents}
 * on new zones, the {@link FindingEvents} listener on uma-dbg's global findings hub, and the
 * lazy registration of the event types and periodic hooks. The only
 * class besides the events that names {@code jdk.jfr}; {@link UmaJfr} reaches it only after
 * checking that the module is present.
 *
 * <p>Registration waits for {@link #recorderInitialized}: registering an event type sets up
 * JFR's metadata repository, about 250 ms on a JVM that may never record
 * ({@code reference/jfr.md} §1.7). JFR calls the listener at once if a recorder already
 * exists, and later when the first recording is created otherwise; until then every
 * {@code isEnabled()} guard is a constant false.
 *
 * <p>Threading: {@link #start} and {@link #close} are called under {@link UmaJfr}'s lock;
 * {@link #recorderInitialized} may run on any thread that initialises the recorder, so the
 * registration state is guarded by this object's monitor.
 */
final class JfrInstall implements FlightRecorderListener, AutoCloseable {
    /** Every uma4j event class, in the order of {@link Names#ALL}. */
    static final List<Class<? extends Event>> EVENTS = List.of(ZoneConfigurationEvent.class, ZoneStatisticsEvent.class,
            MbufStatisticsEvent.class, CallSiteStatisticsEvent.class, SizeClassStatisticsEvent.class,
            ChunkEndStatisticsEvent.class, SlabGrowEvent.class, SlabReleaseEvent.class, LimitReachedEvent.class,
            AllocationDelayedEvent.class, ReclaimEvent.class, ItemAllocationEvent.class, ItemFreeEvent.class,
            FindingEvent.Leak.class, FindingEvent.ModifiedAfterFree.class,
            FindingEvent.DuplicateFree.class, FindingEvent.DuplicateAlloc.class, FindingEvent.WrongZoneFree.class,
            FindingEvent.ForeignFree.class, FindingEvent.StaleHandle.class, FindingEvent.RefcountError.class,
            FindingEvent.RedzoneOverflow.class);

    private final ZoneRegistry registry;       // whose new zones get the observer
    private final ZoneConfigurer configurer;   // installed on registry until close
    private final PeriodicStats periodic;      // the periodic hooks
    private final FindingEvents findings = new FindingEvents(); // on Findings.global() until close
    private boolean registered;                // guarded by this
    private boolean closed;                    // guarded by this

    private JfrInstall(ZoneRegistry registry, boolean itemEvents) {
        this.registry = registry;
        this.periodic = new PeriodicStats(registry);
        ZoneEvents observer = new ZoneEvents();
        this.configurer = itemEvents ? b -> b.observer(observer).itemObserver(observer) : b -> b.observer(observer);
    }

    /**
     * Installs the events on {@code registry}'s future zones and arranges their registration.
     *
     * @return the installation, or null if this JVM's Flight Recorder is disabled
     */
    static AutoCloseable start(ZoneRegistry registry, boolean itemEvents) {
        if (!FlightRecorder.isAvailable()) {
            return null;
        }
        JfrInstall in = new JfrInstall(registry, itemEvents);
        registry.addConfigurer(in.configurer);
        Findings.global().addListener(in.findings); // every debug layer reports to the global hub
        try {
            FlightRecorder.addListener(in); // calls recorderInitialized now if a recorder exists
        } catch (RuntimeException | Error e) {
            in.close(); // leave nothing half-installed
            throw e;
        }
        return in;
    }

    @Override
    public void recorderInitialized(FlightRecorder recorder) {
        synchronized (this) {
            if (registered || closed) {
                return;
            }
            registered = true;
            for (Class<? extends Event> c : EVENTS) {
                FlightRecorder.register(c);
            }
            FlightRecorder.addPeriodicEvent(ZoneConfigurationEvent.class, periodic.configurations);
            FlightRecorder.addPeriodicEvent(ZoneStatisticsEvent.class, periodic.zones);
            FlightRecorder.addPeriodicEvent(MbufStatisticsEvent.class, periodic.mbufs);
            FlightRecorder.addPeriodicEvent(CallSiteStatisticsEvent.class, periodic.sites);
            FlightRecorder.addPeriodicEvent(SizeClassStatisticsEvent.class, periodic.sizeClasses);
            FlightRecorder.addPeriodicEvent(ChunkEndStatisticsEvent.class, periodic.chunkEnd);
        }
    }

    /** Returns true once the event types are registered with JFR. */
    synchronized boolean isRegistered() {
        return registered;
    }

    /**
     * Removes the configurer, the listener, the periodic hooks and the registrations, so that
     * nothing pins this class loader. Zones built meanwhile keep their observer, whose guards
     * read false from then on.
     */
    @Override
    public void close() {
        registry.removeConfigurer(configurer);
        Findings.global().removeListener(findings);
        FlightRecorder.removeListener(this);
        synchronized (this) {
            closed = true;
            if (!registered) {
                return;
            }
            registered = false;
            FlightRecorder.removePeriodicEvent(periodic.configurations);
            FlightRecorder.removePeriodicEvent(periodic.zones);
            FlightRecorder.removePeriodicEvent(periodic.mbufs);
            FlightRecorder.removePeriodicEvent(periodic.sites);
            FlightRecorder.removePeriodicEvent(periodic.sizeClasses);
            FlightRecorder.removePeriodicEvent(periodic.chunkEnd);
            for (Class<? extends Event> c : EVENTS) {
                FlightRecorder.unregister(c);
            }
        }
    }
}
