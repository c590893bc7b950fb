package org.uma4j.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The mid-size application whose start-up {@link AgentStartup} times: starts an embedded Jetty
 * 12.1 server on an ephemeral port, serves one HTTP request to itself over a socket, stops the
 * server and exits. Jetty's server, HTTP, I/O and utility classes mention {@code ByteBuffer}
 * throughout, so under the agent's defaults ({@code include=*}) most of them are rewritten as
 * they load.
 *
 * <p>Prints one line, read by {@link AgentStartup}:
 * {@code jetty-start-stop classes=<loaded classes> cpu-ms=<process CPU time> status=<HTTP status line>}.
 *
 * <p>Threading: {@code main} only; Jetty runs its own threads until {@code stop()}.
 */
public final class JettyStartStop {

    private JettyStartStop() {
    }

    /**
     * Starts, requests, stops.
     *
     * @param args none
     * @throws Exception if the server cannot start or the request fails
     */
    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                Content.Sink.write(response, true, "ok\n", callback);
                return true;
            }
        });
        server.start();
        String status;
        try {
            status = get(connector.getLocalPort());
        } finally {
            server.stop();
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.println("jetty-start-stop classes=" + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount()
                + " cpu-ms=" + os.getProcessCpuTime() / 1_000_000 + " status=" + status);
    }

    /** Sends {@code GET /} and returns the response's status line. */
    private static String get(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int eol = response.indexOf("\r\n");
            return eol < 0 ? response : response.substring(0, eol);
        }
    }
}
