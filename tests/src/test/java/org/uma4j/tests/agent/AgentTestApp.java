package org.uma4j.tests.agent;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The application the end-to-end tests run under the agent. Each call the tests expect in the
 * report ends with a marker comment (SITE and a name). Prints {@code app-ok} when every buffer
 * behaved as the JDK specifies, else exits with status 1.
 *
 * <p>Arguments: none runs the allocations once; {@code wait} first prints {@code ready} and waits
 * for a line on standard input (a test attaches the agent meanwhile), then runs them; {@code sleep}
 * runs them and then waits for standard input to close.
 */
public final class AgentTestApp {

    static final List<ByteBuffer> KEEP = new ArrayList<>(); // every buffer stays reachable

    private AgentTestApp() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "" : args[0];
        if (mode.equals("wait")) {
            System.out.println("ready");
            System.out.flush();
            System.in.read();
        }
        work();
        System.out.println("app-ok");
        System.out.flush();
        if (mode.equals("sleep")) {
            while (System.in.read() >= 0) {
                Thread.onSpinWait();
            }
        }
    }

    static void work() {
        for (int i = 0; i < 100; i++) {
            KEEP.add(ByteBuffer.allocate(2000)); // SITE heap
        }
        for (int i = 0; i < 3; i++) {
            KEEP.add(ByteBuffer.allocateDirect(4096)); // SITE direct
        }
        byte[] array = new byte[64];
        KEEP.add(ByteBuffer.wrap(array)); // SITE wrap
        ByteBuffer range = ByteBuffer.wrap(array, 8, 16); // SITE wrapRange
        KEEP.add(range);
        check(range.array() == array && range.position() == 8 && range.limit() == 24 && range.arrayOffset() == 0,
                "wrap range");
        ByteBuffer b = ByteBuffer.allocate(10); // SITE small
        KEEP.add(b);
        check(b.capacity() == 10 && b.arrayOffset() == 0 && b.array().length == 10 && !b.isDirect() && b.get(9) == 0,
                "allocate");
        check(ByteBuffer.wrap(array).asReadOnlyBuffer().isReadOnly(), "read-only view"); // SITE readOnly
        try {
            ByteBuffer.allocate(-1); // SITE negative
            check(false, "allocate(-1) returned");
        } catch (IllegalArgumentException expected) {
            // the JDK's own check, unchanged
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            System.out.println("app-broken: " + what);
            System.exit(1);
        }
    }
}
