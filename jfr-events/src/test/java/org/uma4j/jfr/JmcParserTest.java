package org.uma4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmc.common.item.IAttribute;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

/**
 * What a JDK Mission Control user sees: the recording opened with JMC's own parser, every
 * uma4j event type present, with its label, and every field with its label and the content
 * type its JFR annotation promises (bytes as memory, durations as timespans, rates as
 * frequencies).
 */
class JmcParserTest {

    @BeforeAll
    static void install() {
        assertTrue(UmaJfr.install());
        Scenario.sources();
    }

    @AfterAll
    static void uninstall() {
        UmaJfr.uninstall();
    }

    @Test
    void everyUma4jEventTypeLoadsInJmcWithItsFieldsAndUnits() throws Exception {
        List<RecordedEvent> events = Recorder.record(Map.of(), Scenario::run);
        // The JDK's view of the schema: field name -> content type annotation, per type.
        Map<String, Map<String, String>> want = new HashMap<>();
        Map<String, String> labels = new HashMap<>();
        for (RecordedEvent e : events) {
            String name = e.getEventType().getName();
            if (name.startsWith("org.uma4j.") && !want.containsKey(name)) {
                labels.put(name, e.getEventType().getLabel());
                Map<String, String> fields = new HashMap<>();
                for (ValueDescriptor d : e.getEventType().getFields()) {
                    fields.put(d.getName(), d.getContentType() == null ? "" : d.getContentType());
                }
                want.put(name, fields);
            }
        }
        assertEquals(new HashSet<>(Names.WRITTEN), want.keySet(), "the scenario makes every event type written");

        IItemCollection items = JfrLoaderToolkit.loadEvents(Recorder.lastFile.toFile());
        Set<String> seen = new HashSet<>();
        for (IItemIterable it : items) {
            IType<IItem> type = it.getType();
            String id = type.getIdentifier();
            if (!id.startsWith("org.uma4j.") || !it.iterator().hasNext()) {
                continue;
            }
            seen.add(id);
            assertEquals(labels.get(id), type.getName(), "JMC label of " + id);
            Map<String, IAttribute<?>> attrs = new HashMap<>();
            for (IAttribute<?> a : type.getAttributes()) {
                attrs.put(a.getIdentifier(), a);
            }
            for (Map.Entry<String, String> f : want.get(id).entrySet()) {
                IAttribute<?> a = attrs.get(f.getKey());
                assertNotNull(a, id + " field " + f.getKey() + " in JMC; has " + attrs.keySet());
                assertFalse(a.getName().isBlank(), id + "." + f.getKey() + " has a label");
                String ct = f.getValue();
                if (ct.equals("jdk.jfr.DataAmount")) {
                    assertEquals(UnitLookup.MEMORY, a.getContentType(), id + "." + f.getKey());
                } else if (ct.equals("jdk.jfr.Timespan")) {
                    assertEquals(UnitLookup.TIMESPAN, a.getContentType(), id + "." + f.getKey());
                } else if (ct.equals("jdk.jfr.Frequency")) {
                    assertEquals(UnitLookup.FREQUENCY, a.getContentType(), id + "." + f.getKey());
                }
                if (!f.getKey().equals("stackTrace")) { // recorded without stacks here
                    assertNotNull(a.getAccessor(type).getMember(it.iterator().next()), id + "." + f.getKey() + " value");
                }
            }
        }
        assertEquals(new HashSet<>(Names.WRITTEN), seen, "JMC loads every uma4j event type written");
    }

    @Test
    void unitsAreDeclaredWhereTheyBelong() throws Exception {
        // A field named for bytes must be a DataAmount; a rate a Frequency; a time a Timespan.
        for (Class<?> c : JfrInstall.EVENTS) {
            for (Class<?> k = c; k != jdk.jfr.Event.class; k = k.getSuperclass()) {
                for (java.lang.reflect.Field f : k.getDeclaredFields()) {
                    if (java.lang.reflect.Modifier.isStatic(f.getModifiers())
                            || java.lang.reflect.Modifier.isTransient(f.getModifiers())) {
                        continue;
                    }
                    String n = f.getName().toLowerCase(java.util.Locale.ROOT);
                    assertNotNull(f.getAnnotation(jdk.jfr.Label.class), c.getName() + "." + f.getName() + " label");
                    if (n.contains("bytes") || n.equals("length") || n.equals("itemsize")) {
                        assertNotNull(f.getAnnotation(jdk.jfr.DataAmount.class), c.getName() + "." + f.getName());
                    }
                    if (n.endsWith("rate")) {
                        assertNotNull(f.getAnnotation(jdk.jfr.Frequency.class), c.getName() + "." + f.getName());
                    }
                    if (n.endsWith("time")) {
                        assertNotNull(f.getAnnotation(jdk.jfr.Timespan.class), c.getName() + "." + f.getName());
                    }
                }
            }
        }
    }
}
