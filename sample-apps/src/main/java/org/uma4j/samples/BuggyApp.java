package org.uma4j.samples;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Zone;

/**
 * A small request handler with one switch per seeded buffer bug, for trying the detectors:
 *
 * <pre>
 * java -javaagent:agent/target/uma4j-agent.jar=debug=full,failOnFindings=true,report=report.json \
 *      -cp sample-apps/target/uma4j-sample-apps.jar org.uma4j.samples.BuggyApp --bug=use-after-free
 * </pre>
 *
 * With no {@code --bug} it runs clean. Bugs: {@code leak} (a buffer dropped without a free),
 * {@code use-after-free} (a write through an escaped ByteBuffer view after the free),
 * {@code double-free}, {@code wrong-zone} (freed into another zone of the same size),
 * {@code stale-handle} (a handle used after its item was freed and handed out again),
 * {@code refcount-underflow} (one release too many), {@code overflow} (a write past the
 * requested length, into the item's slack).
 */
public final class BuggyApp {
    /** The bug names {@code --bug=} accepts. */
    public static final List<String> BUGS = List.of("leak", "use-after-free", "double-free", "wrong-zone",
            "stale-handle", "refcount-underflow", "overflow");

    private final Zone<Buf> requests = Zone.builder("buggy-request", 2048).refcount().build();
    private final Zone<Buf> responses = Zone.builder("buggy-response", 2048).build();

    private BuggyApp() {
    }

    /**
     * Runs the handler with the bug named by {@code --bug=<name>}, if any.
     *
     * @param args {@code [--bug=<name>]}
     */
    public static void main(String[] args) {
        String bug = "";
        for (String a : args) {
            if (a.startsWith("--bug=")) {
                bug = a.substring("--bug=".length());
            } else {
                usage("unknown argument '" + a + "'");
            }
        }
        if (!bug.isEmpty() && !BUGS.contains(bug)) {
            usage("--bug: '" + bug + "' (expected: one of " + String.join(", ", BUGS) + ")");
        }
        BuggyApp app = new BuggyApp();
        app.serve(1000);
        app.seed(bug);
        app.serve(1000); // traffic after the bug: reuses the damaged item, so trash checks run
        System.out.println("BuggyApp: done" + (bug.isEmpty() ? " (clean)" : " (bug: " + bug + ")"));
    }

    private static void usage(String problem) {
        System.err.println("BuggyApp: " + problem);
        System.err.println("usage: BuggyApp [--bug=" + String.join("|", BUGS) + "]");
        System.exit(2);
    }

    /** Correct request handling: every buffer is freed exactly once. */
    private void serve(int n) {
        byte[] body = new byte[512];
        for (int i = 0; i < n; i++) {
            Arrays.fill(body, (byte) i);
            Buf req = requests.alloc();
            req.writeBytes(body, 0, body.length);
            Buf resp = responses.alloc();
            resp.writeBytes(body, 0, req.readableBytes());
            requests.free(req);
            responses.free(resp);
        }
    }

    private void seed(String bug) {
        switch (bug) {
            case "leak" -> leak();
            case "use-after-free" -> useAfterFree();
            case "double-free" -> doubleFree();
            case "wrong-zone" -> wrongZone();
            case "stale-handle" -> staleHandle();
            case "refcount-underflow" -> refcountUnderflow();
            case "overflow" -> overflow();
            default -> { }
        }
    }

    private void leak() {
        Buf b = requests.alloc();
        b.writeByte(1);
        b = null; // dropped: never freed
    }

    private void useAfterFree() {
        Buf b = requests.alloc();
        ByteBuffer view = b.byteBuffer(); // escapes
        requests.free(b);
        view.put(16, (byte) 0x41); // written after the free
    }

    private void doubleFree() {
        Buf b = responses.alloc();
        responses.free(b);
        responses.free(b);
    }

    private void wrongZone() {
        Buf b = requests.alloc();
        responses.free(b); // same size, other zone
    }

    private void staleHandle() {
        Buf first = responses.alloc();
        responses.free(first);
        Buf second = responses.alloc(); // may be the same item, handed out again
        first.setByte(0, 7);              // the stale handle writes into someone else's buffer
        responses.free(second);
    }

    private void refcountUnderflow() {
        Buf b = requests.alloc();
        b.retain();
        b.release();
        b.release(); // frees
        b.release(); // one too many
    }

    private void overflow() {
        Buf b = responses.allocLength(100, Zone.WAITOK, 0);
        byte[] mem = b.array();
        mem[b.arrayOffset() + 100 + 3] = 0x55; // past the 100 bytes asked for
        responses.free(b);
    }
}
