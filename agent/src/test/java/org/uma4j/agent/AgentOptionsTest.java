package org.uma4j.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentOptionsTest {

    private static final Properties NO_PROPS = new Properties();

    @Test
    void defaultsApplyWhenNothingIsSet() throws Exception {
        AgentOptions o = AgentOptions.parse(null, NO_PROPS, Map.of());
        assertEquals("*", o.include());
        assertEquals("", o.exclude());
        assertNull(o.report());
        assertNull(o.jfr());
        assertFalse(o.failOnFindings());
        assertFalse(o.strict());
        assertFalse(o.jmx());
        assertEquals("off", o.debug());
        assertEquals("log", o.policy());
        assertEquals(1024, o.sample());
        assertTrue(o.limits().isEmpty());
        assertFalse(o.netty());
        assertFalse(o.jetty());
    }

    @Test
    void frameworkIntegrationsAreOnOrOff() throws Exception {
        AgentOptions o = AgentOptions.parse("netty=on", NO_PROPS, Map.of("UMA4J_JETTY", "on"));
        assertTrue(o.netty());
        assertTrue(o.jetty());
        assertEquals("on", o.asMap().get("netty"));
        BadOptionException e = assertThrows(BadOptionException.class, () -> AgentOptions.parse("jetty=true", NO_PROPS, Map.of()));
        assertEquals("uma4j: bad option 'jetty=true' (expected: on|off)", e.getMessage());
    }

    @Test
    void agentArgumentsAreParsedWithCommasInsideValues() throws Exception {
        AgentOptions o = AgentOptions.parse("include=com.acme.*:org.x.Y,report=out/r.json,limit.heap-2048=10,"
                + "debug=full,policy=halt,failOnFindings=true", NO_PROPS, Map.of());
        assertEquals("com.acme.*:org.x.Y", o.include());
        assertEquals(Path.of("out/r.json"), o.report());
        assertEquals(Map.of("heap-2048", 10L), o.limits());
        assertEquals("full", o.debug());
        assertEquals("halt", o.policy());
        assertTrue(o.failOnFindings());
        assertEquals("10", o.asMap().get("limit.heap-2048"));
    }

    @Test
    void precedenceIsArgsThenSystemPropertiesThenEnvironmentThenFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("uma4j.properties");
        Files.writeString(file, "include=file.*\nexclude=file.Ex\ndebug=basic\nsample=4\nlimit.cluster=7\n");
        Properties props = new Properties();
        props.setProperty("uma4j.config", file.toString());
        props.setProperty("uma4j.include", "props.*");
        props.setProperty("uma4j.exclude", "props.Ex");
        props.setProperty("uma4j.unrelated.key", "ignored"); // other modules' properties
        Map<String, String> env = Map.of("UMA4J_INCLUDE", "env.*", "UMA4J_EXCLUDE", "env.Ex", "UMA4J_DEBUG", "full",
                "UMA4J_FAIL_ON_FINDINGS", "true", "UMA4J_LIMIT_MBUF_PACKET", "9");
        AgentOptions o = AgentOptions.parse("include=args.*", props, env);
        assertEquals("args.*", o.include());
        assertEquals("props.Ex", o.exclude());
        assertEquals("full", o.debug());
        assertTrue(o.failOnFindings());
        assertEquals(4, o.sample());
        assertEquals(Map.of("cluster", 7L, "mbuf-packet", 9L), o.limits());
    }

    @Test
    void badValueNamesKeyValueAndAcceptedValues() {
        BadOptionException e = assertThrows(BadOptionException.class,
                () -> AgentOptions.parse("debug=loud", NO_PROPS, Map.of()));
        assertEquals("uma4j: bad option 'debug=loud' (expected: off|basic|full)", e.getMessage());
        assertEquals("debug=loud", e.option());
        assertEquals("off|basic|full", e.expected());
    }

    @Test
    void unknownKeyListsTheKnownKeys() {
        BadOptionException e = assertThrows(BadOptionException.class,
                () -> AgentOptions.parse("inclde=com.*", NO_PROPS, Map.of()));
        assertTrue(e.getMessage().startsWith("uma4j: bad option 'inclde=com.*' (expected: a key among include, exclude,"),
                e.getMessage());
        assertTrue(e.getMessage().contains("limit.<zone>"), e.getMessage());
    }

    @Test
    void entryWithoutEqualsSignIsRejected() {
        BadOptionException e = assertThrows(BadOptionException.class,
                () -> AgentOptions.parse("verbose", NO_PROPS, Map.of()));
        assertEquals("uma4j: bad option 'verbose' (expected: key=value)", e.getMessage());
    }

    @Test
    void badSystemPropertyValueIsRejectedToo() {
        Properties props = new Properties();
        props.setProperty("uma4j.failOnFindings", "yes");
        BadOptionException e = assertThrows(BadOptionException.class, () -> AgentOptions.parse("", props, Map.of()));
        assertEquals("uma4j: bad option 'failOnFindings=yes' (expected: true|false)", e.getMessage());
    }

    @Test
    void negativeLimitAndSampleAreRejected() {
        assertThrows(BadOptionException.class, () -> AgentOptions.parse("limit.cluster=-1", NO_PROPS, Map.of()));
        assertThrows(BadOptionException.class, () -> AgentOptions.parse("sample=-3", NO_PROPS, Map.of()));
        assertThrows(BadOptionException.class, () -> AgentOptions.parse("limit.=3", NO_PROPS, Map.of()));
    }

    @Test
    void missingConfigFileIsABadOption(@TempDir Path dir) {
        BadOptionException e = assertThrows(BadOptionException.class,
                () -> AgentOptions.parse("config=" + dir.resolve("none.properties"), NO_PROPS, Map.of()));
        assertTrue(e.getMessage().startsWith("uma4j: bad option 'config="), e.getMessage());
    }

    @Test
    void strictIsFoundEvenWhenParsingFails() {
        assertTrue(AgentOptions.strictRequested("debug=loud,strict=true", NO_PROPS, Map.of()));
        assertTrue(AgentOptions.strictRequested("oops", NO_PROPS, Map.of("UMA4J_STRICT", "true")));
        assertFalse(AgentOptions.strictRequested("debug=loud", NO_PROPS, Map.of()));
    }

    @Test
    void environmentNamesSplitCamelCase() {
        assertEquals("UMA4J_FAIL_ON_FINDINGS", OptionKey.envName("failOnFindings"));
        assertEquals("UMA4J_JFR_SETTINGS", OptionKey.envName("jfr.settings"));
        assertEquals("UMA4J_INCLUDE", OptionKey.envName("include"));
    }
}
