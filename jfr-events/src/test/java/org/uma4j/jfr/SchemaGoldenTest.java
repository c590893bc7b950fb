package org.uma4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.AnnotationElement;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.SettingDescriptor;
import jdk.jfr.ValueDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event schema against golden files: {@code schema-<version>.txt} holds every uma4j event
 * type as a release wrote it (name, label, category, default settings, fields with types,
 * labels and content types). The newest golden must match exactly, so any schema change is a
 * reviewed diff; every older golden must still be readable, so no event or field that a
 * recording in the field carries is renamed, retyped or dropped.
 */
class SchemaGoldenTest {
    private static final List<String> GOLDENS = List.of("schema-0.1.txt", "schema-0.2.txt", "schema-0.3.txt"); // oldest first

    @BeforeAll
    static void install() {
        assertTrue(UmaJfr.install());
    }

    @AfterAll
    static void uninstall() {
        UmaJfr.uninstall();
    }

    /** Renders the schema of the registered uma4j event types, one block per type, sorted. */
    static String schema() {
        StringBuilder sb = new StringBuilder();
        List<EventType> types = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .filter(t -> t.getName().startsWith("org.uma4j.")).sorted(Comparator.comparing(EventType::getName))
                .collect(Collectors.toList());
        for (EventType t : types) {
            sb.append(t.getName()).append(" \"").append(t.getLabel()).append("\" ")
                    .append(String.join("/", t.getCategoryNames())).append('\n');
            List<String> settings = new ArrayList<>();
            for (SettingDescriptor s : t.getSettingDescriptors()) {
                settings.add(s.getName() + "=" + s.getDefaultValue());
            }
            settings.sort(null);
            sb.append("  settings ").append(String.join(", ", settings)).append('\n');
            for (ValueDescriptor f : t.getFields()) {
                sb.append("  ").append(f.getName()).append(": ").append(f.getTypeName()).append(" \"")
                        .append(f.getLabel()).append('"');
                for (AnnotationElement a : f.getAnnotationElements()) {
                    if (a.getTypeName().equals(f.getContentType())) {
                        sb.append(' ').append(a.getTypeName().replace("jdk.jfr.", ""));
                        if (!a.getValues().isEmpty()) {
                            sb.append('(').append(a.getValues().get(0)).append(')');
                        }
                    }
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = SchemaGoldenTest.class.getResourceAsStream(name)) {
            assertNotNull(in, "golden file " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theSchemaMatchesTheNewestGolden() throws IOException {
        String actual = schema();
        String newest = GOLDENS.get(GOLDENS.size() - 1);
        if (!actual.equals(golden(newest))) {
            Path out = Path.of("target", newest + ".actual");
            Files.createDirectories(out.getParent());
            Files.writeString(out, actual);
            fail("the uma4j event schema changed; review " + out.toAbsolutePath() + " and, if intended, "
                    + "add it as a new golden file (a new version) rather than editing " + newest);
        }
    }

    @Test
    void everyEventAndFieldOfOlderGoldensStillExists() throws IOException {
        List<String> now = List.of(schema().split("\n"));
        for (String g : GOLDENS) {
            String type = null;
            for (String line : golden(g).split("\n")) {
                if (!line.startsWith(" ")) {
                    type = line.substring(0, line.indexOf(' '));
                    String t = type;
                    assertTrue(now.stream().anyMatch(l -> l.startsWith(t + " ")), g + ": event " + type + " is gone");
                } else if (!line.startsWith("  settings ")) {
                    String field = line.substring(0, line.indexOf('"')); // name: type, without label and units
                    String t = type;
                    assertTrue(fieldOf(now, t).contains(field), g + ": " + type + " field changed or gone: " + line);
                }
            }
        }
    }

    private static List<String> fieldOf(List<String> lines, String type) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String l : lines) {
            if (!l.startsWith(" ")) {
                in = l.startsWith(type + " ");
            } else if (in && l.contains("\"")) {
                out.add(l.substring(0, l.indexOf('"')));
            }
        }
        return out;
    }
}
