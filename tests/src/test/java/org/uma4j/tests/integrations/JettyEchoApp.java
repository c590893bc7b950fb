package org.uma4j.tests.integrations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * An unmodified Jetty 12 application: a server on loopback that echoes POST bodies, answering
 * the JDK's {@code HttpClient}; plain Jetty API, no uma4j code. The handler frames each body
 * into 64-byte records, each through a scratch buffer from the server's {@code ByteBufferPool}.
 * With {@code write-after-release} it keeps the array of the first request's last scratch
 * buffer after releasing it and writes into it at the next request (marker BUG). Prints
 * {@code app-ok} when every echo matched; exits 1 if not.
 */
public final class JettyEchoApp {

    static final int REQUESTS = 40;

    private JettyEchoApp() {
    }

    public static void main(String[] args) throws Exception {
        boolean bug = args.length > 0 && args[0].equals("write-after-release");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new RecordEchoHandler(bug));
        server.start();
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/echo");
            Random random = new Random(42);
            for (int i = 0; i < REQUESTS; i++) {
                byte[] body = new byte[1 + random.nextInt(16 * 1024)];
                random.nextBytes(body);
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200 || !Arrays.equals(body, r.body())) {
                    System.out.println("echo differs at request " + i + ": status " + r.statusCode());
                    System.exit(1);
                }
            }
        } finally {
            server.stop();
        }
        System.out.println("app-ok");
    }

    /** Echoes the body; frames it into records through scratch buffers first. */
    static final class RecordEchoHandler extends Handler.Abstract {
        private final boolean bug; // seed the write after release
        private volatile boolean seeded; // the bug kept an array once
        private volatile byte[] escaped; // the released scratch buffer's array, kept by the bug
        private volatile int escapedAt; // its array offset

        RecordEchoHandler(boolean bug) {
            this.bug = bug;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            byte[] body = Content.Source.asInputStream(request).readAllBytes();
            byte[] e = escaped;
            if (e != null) {
                e[escapedAt] = 0x55; // BUG: a write into a buffer released at the previous request
                escaped = null;
            }
            ByteBufferPool pool = request.getComponents().getByteBufferPool();
            byte[] last = null;
            int lastAt = 0;
            for (int at = 0; at < body.length; at += 64) {
                RetainableByteBuffer scratch = pool.acquire(64, false);
                ByteBuffer b = scratch.getByteBuffer();
                b.clear();
                b.put(body, at, Math.min(64, body.length - at)).flip();
                if (b.hasArray()) {
                    last = b.array();
                    lastAt = b.arrayOffset();
                }
                scratch.release();
            }
            if (bug && !seeded && last != null) {
                seeded = true;
                escapedAt = lastAt + 1;
                escaped = last; // the last scratch buffer of this request, released above
            }
            response.setStatus(200);
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }
}
