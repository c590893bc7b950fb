package org.uma4j.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Without a report, JFR or JMX, the agent loads neither Jackson, the allocator, JFR nor JMX:
 * only what rewriting and accounting need.
 */
class AgentStartupCostTest {

    @Test
    void plainAccountingLoadsNoReportJfrJmxOrAllocatorClasses() {
        ChildJvm.Result r = ChildJvm.java().jvmArg("-Xlog:class+load=info:stdout").agent("sample=1").runApp();
        assertEquals(0, r.exit(), r.toString());
        List<String> loaded = r.out().lines().filter(l -> l.contains("class,load")).collect(Collectors.toList());
        assertTrue(loaded.stream().anyMatch(l -> l.contains("org.uma4j.agent.bridge.BufferHooks")),
                "negative control: the class load log is read");
        assertTrue(loaded.stream().anyMatch(l -> l.contains("org.uma4j.agent.shaded.net.bytebuddy.jar.asm.ClassReader")),
                "negative control: shaded classes are seen");
        List<String> unwanted = loaded.stream()
                .filter(l -> l.contains("org.uma4j.agent.shaded.com.fasterxml") || l.contains(" org.uma4j.alloc.")
                        || l.contains(" jdk.jfr.") || l.contains(" javax.management."))
                .collect(Collectors.toList());
        assertEquals(List.of(), unwanted);
    }
}
