package org.uma4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import org.junit.jupiter.api.Test;

/** Runs in a JVM of its own (reuseForks=false): it sees JFR exactly as a fresh application does. */
class InstallTest {

    static List<String> umaTypes() {
        return FlightRecorder.getFlightRecorder().getEventTypes().stream().map(EventType::getName)
                .filter(n -> n.startsWith("org.uma4j.")).sorted().collect(Collectors.toList());
    }

    @Test
    void installRegistersOnlyWhenTheRecorderInitialises() {
        assertFalse(FlightRecorder.isInitialized(), "precondition: nothing initialised JFR in this JVM");
        try {
            assertTrue(UmaJfr.isAvailable());
            assertTrue(UmaJfr.install());
            assertTrue(UmaJfr.isInstalled());
            assertFalse(UmaJfr.install(), "a second install is a no-op");
            assertFalse(FlightRecorder.isInitialized(), "install must not start JFR (it costs ~250 ms)");

            List<String> types = umaTypes(); // initialises the recorder, which calls the listener
            assertEquals(Names.ALL.stream().sorted().collect(Collectors.toList()), types);
        } finally {
            UmaJfr.uninstall();
        }
        assertFalse(UmaJfr.isInstalled());
        assertTrue(umaTypes().isEmpty(), "uninstall unregisters every type: " + umaTypes());
        UmaJfr.uninstall(); // a second uninstall is a no-op
        assertTrue(UmaJfr.install(), "install works again after uninstall, with the recorder already up");
        try {
            assertEquals(Names.ALL.size(), umaTypes().size());
        } finally {
            UmaJfr.uninstall();
        }
    }

    @Test
    void eventClassesCarryTheirStableNamesLabelsAndDescriptions() {
        assertEquals(22, UmaJfr.eventNames().size());
        assertEquals(Names.ALL.size(), JfrInstall.EVENTS.size());
        for (int i = 0; i < Names.ALL.size(); i++) {
            Class<?> c = JfrInstall.EVENTS.get(i);
            assertEquals(Names.ALL.get(i), c.getAnnotation(jdk.jfr.Name.class).value(), "name of " + c);
            assertNotNull(c.getAnnotation(jdk.jfr.Label.class), "label of " + c);
            assertNotNull(c.getAnnotation(jdk.jfr.Description.class), "description of " + c);
            assertFalse(c.getAnnotation(jdk.jfr.Registered.class).value(), "lazy registration of " + c);
        }
    }
}
