package org.uma4j.integration.jetty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
 * A Jetty 12 server on loopback whose handler echoes each request body through a buffer
 * acquired from the server's pool, and a JDK HTTP client that posts seeded random bodies.
 * Bounded: 10 s connect and read timeouts per request, a fixed number of requests.
 */
final class JettyTraffic {
    private JettyTraffic() {
    }

    /** What the echo handler does with its response buffer after the response is written. */
    interface AfterWrite {
        void accept(RetainableByteBuffer buffer);
    }

    /** Echoes the body from a pool buffer, released when the write completes. */
    static final class EchoHandler extends Handler.Abstract {
        private final AfterWrite afterRelease;

        EchoHandler(AfterWrite afterRelease) {
            this.afterRelease = afterRelease;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws IOException {
            ByteBuffer body = Content.Source.asByteBuffer(request);
            ByteBufferPool pool = request.getComponents().getByteBufferPool();
            RetainableByteBuffer.Mutable out = pool.acquire(body.remaining(), false);
            out.append(body);
            response.setStatus(200);
            response.write(true, out.getByteBuffer(), Callback.from(() -> {
                out.release();
                afterRelease.accept(out);
                callback.succeeded();
            }, x -> {
                out.release();
                callback.failed(x);
            }));
            return true;
        }
    }

    /** Starts a server on 127.0.0.1 with {@code install} applied before start. */
    static Server start(Handler handler, java.util.function.Consumer<Server> install) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
        install.accept(server);
        server.start();
        return server;
    }

    static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** Posts {@code count} seeded bodies of up to {@code maxSize} bytes; returns the bodies sent and received. */
    static List<byte[][]> post(Server server, int count, int maxSize, long seed) throws IOException {
        Random rnd = new Random(seed);
        List<byte[][]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] body = new byte[1 + rnd.nextInt(maxSize)];
            rnd.nextBytes(body);
            URL url = new URL("http://127.0.0.1:" + port(server) + "/echo");
            HttpURLConnection c = (HttpURLConnection) url.openConnection();
            c.setConnectTimeout(10_000);
            c.setReadTimeout(10_000);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream os = c.getOutputStream()) {
                os.write(body);
            }
            if (c.getResponseCode() != 200) {
                throw new IOException("status " + c.getResponseCode() + " for request " + i);
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try (InputStream is = c.getInputStream()) {
                is.transferTo(got);
            }
            out.add(new byte[][] {body, got.toByteArray()});
        }
        return out;
    }
}
