package org.uma4j.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.uma4j.agent.account.SiteRegistry;

class CallSiteTransformerTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final SiteRegistry registry = new SiteRegistry();

    private CallSiteTransformer transformer(String include, String exclude) {
        return new CallSiteTransformer(new ClassFilter(include, exclude), new CallSiteRewriter(registry),
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void filterRejectsJdkAgentAndLibraryClassesWhateverTheIncludes() {
        ClassFilter f = new ClassFilter("*", "");
        assertFalse(f.accepts("java/nio/ByteBuffer"));
        assertFalse(f.accepts("jdk/internal/misc/Unsafe"));
        assertFalse(f.accepts("sun/nio/ch/Util"));
        assertFalse(f.accepts("com/sun/net/httpserver/HttpServer"));
        assertFalse(f.accepts("org/uma4j/agent/report/ReportWriter"));
        assertFalse(f.accepts("org/uma4j/agent/shaded/com/fasterxml/jackson/core/JsonFactory"));
        assertFalse(f.accepts("org/uma4j/alloc/Zone"));
        assertFalse(f.accepts("org/uma4j/integration/netty/ZoneByteBufAllocator")); // defined by the agent per framework loader
        assertTrue(f.accepts("org/uma4j/agent/instrument/InstrumentationProbe"));
        assertTrue(f.accepts("com/acme/Server"));
    }

    @Test
    void includeAndExcludePatternsUseDottedNamesAndGlobs() {
        ClassFilter f = new ClassFilter("com.acme.*:org.example.Main", "com.acme.internal.*:*Test");
        assertTrue(f.accepts("com/acme/net/Server"));
        assertTrue(f.accepts("org/example/Main"));
        assertFalse(f.accepts("org/example/Main2"));
        assertFalse(f.accepts("com/acme/internal/Codec"));
        assertFalse(f.accepts("com/acme/ServerTest"));
        assertFalse(f.accepts("net/other/Thing"));
        assertTrue(new ClassFilter("com.acme.Server?", "").accepts("com/acme/Server2"));
    }

    @Test
    void bootClassesAndExcludedClassesAreNotParsed() throws Exception {
        byte[] fixture = CallSiteRewriterTest.classFile(RewriteFixture.class);
        String name = "com/acme/RewriteFixture"; // as if it were an application class
        CallSiteTransformer t = transformer("*", "*RewriteFixture");
        assertNull(t.transform(getClass().getClassLoader(), name, null, null, fixture));
        assertNull(transformer("*", "").transform(null, name, null, null, fixture));
        assertEquals(0, registry.sites().size());
        assertNotNull(transformer("*", "").transform(getClass().getClassLoader(), name, null, null, fixture));
        assertEquals(7 + 1, registry.sites().size()); // the loop method has two sites
    }

    @Test
    void classesThatNeverNameByteBufferAreSkippedByTheByteScan() throws Exception {
        byte[] other = CallSiteRewriterTest.classFile(ClassFilter.class);
        assertFalse(CallSiteTransformer.mentionsTarget(other));
        assertTrue(CallSiteTransformer.mentionsTarget(CallSiteRewriterTest.classFile(RewriteFixture.class)));
        assertNull(transformer("*", "").transform(getClass().getClassLoader(), "x/Y", null, null, other));
    }

    @Test
    void aBrokenClassFileIsCountedAndLoggedOnceNeverThrown() {
        byte[] garbage = "CAFEBABE? no: java/nio/ByteBuffer".getBytes(StandardCharsets.UTF_8);
        CallSiteTransformer t = transformer("*", "");
        for (int i = 0; i < CallSiteTransformer.LOGGED_FAILURES + 3; i++) {
            assertNull(t.transform(getClass().getClassLoader(), "com/acme/Broken", null, null, garbage));
        }
        assertEquals(CallSiteTransformer.LOGGED_FAILURES + 3, t.failureCount());
        String[] lines = log.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(CallSiteTransformer.LOGGED_FAILURES, lines.length);
        assertTrue(lines[0].startsWith("uma4j: cannot instrument com.acme.Broken ("), lines[0]);
        assertTrue(lines[0].endsWith("the class runs unchanged"), lines[0]);
    }
}
