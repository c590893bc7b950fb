package org.uma4j.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uma4j.agent.account.Accounting;
import org.uma4j.agent.account.CallKind;
import org.uma4j.agent.account.SiteRegistry;

/**
 * The report format against a golden file of version 1: a change of field names, order or types
 * fails here first. Regenerate the file only for a deliberate, documented format change.
 */
class ReportWriterGoldenTest {

    @Test
    void reportMatchesTheVersionOneGoldenFile() throws Exception {
        SiteRegistry registry = new SiteRegistry();
        Accounting accounting = new Accounting(registry, 1);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("include", "com.acme.*");
        config.put("report", "target/uma4j-report.json");
        config.put("failOnFindings", "true");
        config.put("sample", "1");
        config.put("limit.heap-2048", "4096");
        ReportWriter writer = new ReportWriter(config, registry, accounting, new PrintStream(PrintStream.nullOutputStream()));
        writer.addZoneSource(new SizeClassZones(registry, accounting, Map.of("heap-2048", 4096L)));
        writer.addFindingSource(() -> List.of(new Finding("leak", "heap-2048", 17,
                "com.acme.net.FrameReader.readFrame(FrameReader.java:88)", "uma4j: leak of item 17 (zone \"heap-2048\")")));

        int read = registry.register("com.acme.net.FrameReader", "readFrame", "()V", 0, "FrameReader.java", 88,
                CallKind.ALLOCATE, false);
        int direct = registry.register("com.acme.io.Channels", "<clinit>", "()V", 0, "Channels.java", 21,
                CallKind.ALLOCATE_DIRECT, false);
        int wrap = registry.register("com.acme.codec.Header", "parse", "([B)V", 0, null, -1, CallKind.WRAP_RANGE, false);
        registry.register("com.acme.Pool", "take", "()V", 0, "Pool.java", 5, CallKind.ZONE_ALLOC, false);
        List<ByteBuffer> keep = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keep.add(account(accounting, ByteBuffer.allocate(2000), read));
        }
        keep.add(account(accounting, ByteBuffer.allocate(100), read));
        keep.add(account(accounting, ByteBuffer.allocateDirect(65536), direct));
        keep.add(ByteBuffer.wrap(new byte[64], 4, 12));
        accounting.wrapped(12, wrap);

        String actual = ReportWriter.toJson(writer.build(writer.findings())).replace("\r\n", "\n");
        String expected;
        try (InputStream in = getClass().getResourceAsStream("report-writer-v1.json")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").trim();
        }
        assertEquals(expected, actual.trim());
        assertEquals(6, keep.size());
    }

    private static ByteBuffer account(Accounting accounting, ByteBuffer b, int site) {
        accounting.allocated(b, b.capacity(), site);
        return b;
    }
}
