package org.uma4j.tests.agent;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.uma4j.agent.Uma4jAgent;
import org.uma4j.agent.bridge.BufferHooks;
import org.uma4j.agent.bridge.BufferRecorder;

/**
 * Runs under {@code -javaagent}, uninstalls the agent and checks that its call sites are back to
 * plain JDK calls: a recorder of its own in the bridge must then see nothing. Prints
 * {@code uninstall-ok}, or {@code uninstall-broken: <why>} and exits with status 1.
 */
public final class UninstallTestApp {

    private UninstallTestApp() {
    }

    public static void main(String[] args) {
        check(BufferHooks.class.getClassLoader() == null, "the bridge is not on the boot class path");
        check(BufferHooks.recorder != null, "no recorder installed");
        allocate();
        check(Uma4jAgent.uninstall(), "uninstall() found no agent");
        check(BufferHooks.recorder == null, "the recorder is still installed");
        check(!Uma4jAgent.uninstall(), "a second uninstall() found an agent");
        check(System.getProperty("uma4j.agent.installed") == null, "the installed mark is still set");

        AtomicInteger seen = new AtomicInteger();
        BufferHooks.recorder = new BufferRecorder() {
            @Override
            public void allocated(ByteBuffer buffer, int capacity, int site) {
                seen.incrementAndGet();
            }

            @Override
            public void wrapped(int length, int site) {
                seen.incrementAndGet();
            }
        };
        allocate();
        check(seen.get() == 0, seen.get() + " call(s) still went through the bridge");
        System.out.println("uninstall-ok");
    }

    static ByteBuffer allocate() {
        return ByteBuffer.allocate(64);
    }

    private static void check(boolean ok, String why) {
        if (!ok) {
            System.out.println("uninstall-broken: " + why);
            System.exit(1);
        }
    }
}
