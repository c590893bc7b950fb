package org.uma4j.dbg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneBuilder;
import org.uma4j.alloc.ZoneRegistry;

/** A private registry with a debug layer installed, and the findings and log lines it produced. */
final class DbgFixture implements AutoCloseable {
    final ZoneRegistry registry = new ZoneRegistry();
    final UmaDbg dbg;
    final List<Finding> findings = new CopyOnWriteArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();

    DbgFixture(DebugConfig config) {
        dbg = UmaDbg.install(registry, config);
        dbg.findings().addListener(findings::add);
        dbg.findings().log = log::add;
    }

    DbgFixture(String options) {
        this(DebugConfig.parse(options));
    }

    Zone<Buf> zone(String name, int size) {
        return Zone.builder(name, size).registry(registry).build();
    }

    ZoneBuilder<Buf> builder(String name, int size) {
        return Zone.builder(name, size).registry(registry);
    }

    List<Finding> of(FindingKind kind) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            if (f.kind() == kind) {
                out.add(f);
            }
        }
        return out;
    }

    /** Registers a site for the caller's next line, the way the agent registers rewritten call sites. */
    int site(String method, int line) {
        return dbg.sites().register("org.uma4j.dbg.Seeded", method, "Seeded.java", line);
    }

    @Override
    public void close() {
        dbg.close();
    }
}
