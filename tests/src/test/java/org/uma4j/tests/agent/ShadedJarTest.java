package org.uma4j.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shaded agent jar: layout, relocation, manifest, and a bridge that links to java.* only. */
class ShadedJarTest {

    private static final String BRIDGE = "org/uma4j/agent/bridge/";
    private static final String INTEGRATIONS = "META-INF/uma4j/integrations/";

    @Test
    void onlyUma4jAndMetaInfAtTheTopLevel() throws IOException {
        List<String> strays = new ArrayList<>();
        int relocated = 0;
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR.toFile())) {
            for (JarEntry e : Collections.list(jar.entries())) {
                String n = e.getName();
                if (n.startsWith("org/uma4j/agent/shaded/net/bytebuddy/") || n.startsWith("org/uma4j/agent/shaded/com/fasterxml/")) {
                    relocated++;
                }
                boolean allowed = n.startsWith("org/uma4j/") || n.startsWith("META-INF/") || n.equals("org/");
                boolean multiRelease = n.startsWith("META-INF/versions/");
                boolean moduleInfo = n.endsWith("module-info.class");
                if (!allowed || multiRelease || moduleInfo) {
                    strays.add(n);
                }
            }
        }
        assertEquals(List.of(), strays, "entries outside org/uma4j/ and META-INF/, multi-release copies or module-info");
        assertTrue(relocated > 1000, "relocated Byte Buddy and Jackson classes present: " + relocated);
    }

    @Test
    void integrationClassesAreResourcesNotClasses() throws IOException {
        List<String> classes = new ArrayList<>();
        List<String> resources = new ArrayList<>();
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR.toFile())) {
            for (JarEntry e : Collections.list(jar.entries())) {
                String n = e.getName();
                if (n.startsWith("org/uma4j/integration/")) {
                    classes.add(n);
                } else if (n.startsWith(INTEGRATIONS) && n.endsWith(".class")) {
                    resources.add(n.substring(INTEGRATIONS.length()));
                }
            }
        }
        assertEquals(List.of(), classes, "integration classes loadable by the system class loader");
        assertTrue(resources.contains("org/uma4j/integration/netty/NettyIntegration.class"), resources.toString());
        assertTrue(resources.contains("org/uma4j/integration/jetty/JettyIntegration.class"), resources.toString());
        assertTrue(resources.contains("org/uma4j/integration/BufZones.class"), resources.toString());
        assertTrue(resources.stream().allMatch(r -> r.startsWith("org/uma4j/integration/")), resources.toString());
    }

    @Test
    void integrationResourcesNameNettyAndJettyUnrelocatedAndCarryNoFrameworkClass() throws IOException {
        boolean namesNetty = false;
        boolean namesJetty = false;
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR.toFile())) {
            for (JarEntry e : Collections.list(jar.entries())) {
                String n = e.getName();
                assertFalse(n.contains("io/netty/") || n.contains("org/eclipse/jetty/"), "framework bundled: " + n);
                if (n.startsWith(INTEGRATIONS) && n.endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(e)) {
                        for (String type : ConstantPool.referencedTypes(in.readAllBytes())) {
                            namesNetty |= type.startsWith("io/netty/");
                            namesJetty |= type.startsWith("org/eclipse/jetty/");
                        }
                    }
                }
            }
        }
        assertTrue(namesNetty && namesJetty, "the integrations link to Netty and Jetty by their own names");
    }

    @Test
    void noClassReferencesAnUnrelocatedLibrary() throws IOException {
        Pattern unrelocated = Pattern.compile("(?<!shaded/)(net/bytebuddy/|com/fasterxml/jackson/)");
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR.toFile())) {
            for (JarEntry e : Collections.list(jar.entries())) {
                if (!e.getName().endsWith(".class")) {
                    continue;
                }
                scanned++;
                try (InputStream in = jar.getInputStream(e)) {
                    Matcher m = unrelocated.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                    if (m.find()) {
                        offenders.add(e.getName() + " -> " + m.group());
                    }
                }
            }
        }
        assertTrue(scanned > 1000, "scanned " + scanned + " classes");
        assertEquals(List.of(), offenders);
    }

    @Test
    void manifestDeclaresTheAgentTheCliAndRetransformation() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR.toFile())) {
            Attributes a = jar.getManifest().getMainAttributes();
            assertEquals("org.uma4j.agent.Uma4jAgent", a.getValue("Premain-Class"));
            assertEquals("org.uma4j.agent.Uma4jAgent", a.getValue("Agent-Class"));
            assertEquals("org.uma4j.agent.cli.Main", a.getValue("Main-Class"));
            assertEquals("true", a.getValue("Can-Retransform-Classes"));
            assertFalse("true".equals(a.getValue("Multi-Release")), "multi-release entries were dropped");
            assertEquals(null, a.getValue("Boot-Class-Path"), "the bridge is appended at run time");
        }
    }

    @Test
    void bridgeClassesReferenceOnlyJavaTypes() throws IOException {
        List<String> foreign = new ArrayList<>();
        int bridgeClasses = 0;
        int typesSeen = 0;
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR.toFile())) {
            for (JarEntry e : Collections.list(jar.entries())) {
                if (!e.getName().startsWith(BRIDGE) || !e.getName().endsWith(".class")) {
                    continue;
                }
                bridgeClasses++;
                try (InputStream in = jar.getInputStream(e)) {
                    for (String type : ConstantPool.referencedTypes(in.readAllBytes())) {
                        typesSeen++;
                        if (!type.startsWith("java/") && !type.startsWith(BRIDGE)) {
                            foreign.add(e.getName() + " -> " + type);
                        }
                    }
                }
            }
        }
        assertTrue(bridgeClasses >= 1 && bridgeClasses <= 5, "bridge classes: " + bridgeClasses);
        assertTrue(bridgeClasses >= 2, "BufferHooks and FrameworkHooks: " + bridgeClasses);
        assertTrue(typesSeen >= 3, "the scan saw " + typesSeen + " types"); // ByteBuffer, ObjIntConsumer, Throwable...
        assertEquals(List.of(), foreign);
    }

    /** Just enough of the class file format to list the types a class names. */
    static final class ConstantPool {

        private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([\\w/$]+);");

        static List<String> referencedTypes(byte[] classFile) throws IOException {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
            in.readInt(); // magic
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> classNameIndexes = new ArrayList<>();
            List<Integer> descriptorIndexes = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classNameIndexes.add(in.readUnsignedShort());
                    case 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++;
                    }
                    case 9, 10, 11, 17, 18 -> in.readInt();
                    case 12 -> {
                        in.readUnsignedShort();
                        descriptorIndexes.add(in.readUnsignedShort());
                    }
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IOException("constant pool tag " + tag + " (expected: a Java 17 tag)");
                }
            }
            List<String> types = new ArrayList<>();
            for (int idx : classNameIndexes) {
                String n = utf8[idx];
                Matcher m = DESCRIPTOR_TYPE.matcher(n);
                if (n.startsWith("[")) {
                    while (m.find()) {
                        types.add(m.group(1));
                    }
                } else {
                    types.add(n);
                }
            }
            // Field and method descriptors, including those of the class's own members.
            for (String s : utf8) {
                if (s != null && (s.startsWith("(") || s.startsWith("L") && s.endsWith(";"))) {
                    Matcher m = DESCRIPTOR_TYPE.matcher(s);
                    while (m.find()) {
                        types.add(m.group(1));
                    }
                }
            }
            return types;
        }
    }
}
