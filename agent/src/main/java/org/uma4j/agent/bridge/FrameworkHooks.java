// Loaded by the boot class loader alone: the agent defines this package there at install (or
// appends it to the boot class path in a jar). It must link only to java.* classes.
package org.uma4j.agent.bridge;

import java.util.function.BiConsumer;

/**
 * Targets of the agent's one-line framework advice ({@code netty=on}, {@code jetty=on}).
 *
 * <p>The agent inserts {@code FrameworkHooks.nettyConfig(DefaultChannelConfig.class, this)}
 * before every return of {@code io.netty.channel.DefaultChannelConfig}'s constructors, and
 * {@code FrameworkHooks.jettyServer(Server.class, this)} at the entry of
 * {@code org.eclipse.jetty.server.Server.doStart()}. The class constant tells the agent which
 * class loader holds the framework; the object is the new channel configuration or the
 * server about to start.
 *
 * <p>Threading: hooks are called by any application thread (Netty: the thread creating a
 * channel; Jetty: the thread starting a server). The slots are {@code volatile}, written by
 * the agent at install and cleared at uninstall; each hook reads its slot once. A consumer
 * must not throw; if it does, the failure is kept in {@link #lastFailure} and the
 * application goes on as if the hook were absent.
 *
 * <pre>{@code
 * FrameworkHooks.nettyConfig = (frameworkClass, config) -> ...;   // the agent, at install
 * }</pre>
 */
public final class FrameworkHooks {

    /** Receives each new Netty {@code DefaultChannelConfig}; null unless {@code netty=on}. */
    public static volatile BiConsumer<Class<?>, Object> nettyConfig; // written by the agent at install

    /** Receives each Jetty {@code Server} at the entry of {@code doStart()}; null unless {@code jetty=on}. */
    public static volatile BiConsumer<Class<?>, Object> jettyServer; // written by the agent at install

    /** The last failure of a consumer, swallowed so the application never sees it. */
    public static volatile Throwable lastFailure; // racy: diagnostic only

    private FrameworkHooks() {
    }

    /** Called at the exit of a {@code DefaultChannelConfig} constructor with the class (a constant) and the new config. */
    public static void nettyConfig(Class<?> frameworkClass, Object config) {
        call(nettyConfig, frameworkClass, config);
    }

    /** Called at the entry of {@code Server.doStart()} with the class (a constant) and the server. */
    public static void jettyServer(Class<?> frameworkClass, Object server) {
        call(jettyServer, frameworkClass, server);
    }

    private static void call(BiConsumer<Class<?>, Object> c, Class<?> frameworkClass, Object target) {
        if (c != null) {
            try {
                c.accept(frameworkClass, target);
            } catch (Throwable t) {
                // The framework must start as it would without the agent.
                lastFailure = t;
            }
        }
    }
}
