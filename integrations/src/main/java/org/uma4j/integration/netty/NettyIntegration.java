package org.uma4j.integration.netty;

/**
 * The agent's entry points for Netty: {@link #installAsDefault()}, then a one-line advice
 * that calls {@link #applyTo(Object)} for every new channel configuration (or
 * {@link #defaultAllocator(Object)} from {@code ByteBufUtil}'s initializer), so that channels
 * of an unmodified application that use Netty's default allocator get the shared
 * {@link ZoneByteBufAllocator} (see the README's Netty and Jetty guide). Explicit users call
 * {@link ZoneByteBufAllocator#shared()} and {@link ZoneByteBufAllocator#configure} instead.
 *
 * <pre>{@code
 * // in the agent, reflectively, when the application's loader can see this class
 * if ((boolean) integration.getMethod("installAsDefault").invoke(null)) {
 *     // instrument DefaultChannelConfig.<init>: on exit, NettyIntegration.applyTo(this)
 * }
 * }</pre>
 *
 * <p>Every signature here is made of JDK types only, so this class links, and reflection over
 * it works ({@code getMethod} resolves every public signature), in an application without
 * Netty; each entry point checks for Netty first and returns at once without it, and only
 * then touches the classes that need Netty.
 *
 * <p>Threading: all methods are safe for any thread; installation is idempotent and guarded
 * by the class monitor, the shared allocator is published through a volatile field.
 */
public final class NettyIntegration {
    /** The class whose presence says the application has Netty's buffer API. */
    static final String PROBE = "io.netty.buffer.AbstractByteBufAllocator";
    /** Prefix of the shared allocator's zones: {@code netty-64} ... {@code netty-65536}. */
    public static final String ZONE_PREFIX = "netty";

    private static volatile Object shared;   // the ZoneByteBufAllocator, once made; Object keeps linkage Netty-free
    private static volatile boolean installed; // applyTo acts only after installAsDefault

    private NettyIntegration() {
    }

    /** Returns true if Netty's buffer API is visible to this class's loader. */
    public static boolean isAvailable() {
        try {
            Class.forName(PROBE, false, NettyIntegration.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Makes the shared allocator the one {@link #applyTo(Object)} gives to channels that use
     * Netty's default allocator. Idempotent. Returns at once, false, if Netty is absent.
     *
     * @return true if installed (now or before)
     */
    public static synchronized boolean installAsDefault() {
        if (installed) {
            return true;
        }
        if (!isAvailable()) {
            return false;
        }
        // The allocator is made at first use, not here: making it touches ByteBufAllocator.DEFAULT,
        // which must stay uninitialised until ByteBufUtil's initializer has run (see defaultAllocator).
        installed = true;
        return true;
    }

    /** Stops {@link #applyTo(Object)} from changing channels (for tests); the shared allocator and its zones stay. */
    public static synchronized void uninstall() {
        installed = false;
    }

    /** Returns true between {@link #installAsDefault()} and {@link #uninstall()}. */
    public static boolean isInstalled() {
        return installed;
    }

    /**
     * The hook for the agent's advice at the exit of {@code DefaultChannelConfig}'s
     * constructor: gives the channel the shared allocator if it still has Netty's default one
     * (an allocator the application set later, through {@code ChannelOption.ALLOCATOR}, wins
     * as before). Does nothing before {@link #installAsDefault()}.
     *
     * @param channelConfig an {@code io.netty.channel.ChannelConfig}
     * @return true if the channel now uses the shared allocator
     */
    public static boolean applyTo(Object channelConfig) {
        if (!installed || channelConfig == null) {
            return false;
        }
        return NettyDefaults.applyTo(channelConfig, sharedAllocator(null));
    }

    /**
     * The hook for the agent's advice at the exit of {@code io.netty.buffer.ByteBufUtil}'s
     * static initializer (an alternative to {@link #applyTo(Object)} for agents loaded before
     * Netty): returns the allocator to store in {@code ByteBufUtil.DEFAULT_ALLOCATOR}, which
     * becomes {@code ByteBufAllocator.DEFAULT}. Keeps {@code original} for direct buffers.
     *
     * @param original the allocator Netty chose (an {@code io.netty.buffer.ByteBufAllocator})
     * @return the shared allocator if installed, else {@code original}
     */
    public static Object defaultAllocator(Object original) {
        if (!installed) {
            return original;
        }
        // Called inside ByteBufUtil.<clinit>: must not read ByteBufAllocator.DEFAULT, so original
        // becomes the direct delegate if the shared allocator is made now.
        return sharedAllocator(original);
    }

    /** Returns the shared allocator, making it with {@code direct} (null: Netty's default) on first use. */
    static Object sharedAllocator(Object direct) {
        Object a = shared;
        return a != null ? a : makeShared(direct);
    }

    private static synchronized Object makeShared(Object direct) {
        Object a = shared;
        if (a == null) {
            a = NettyDefaults.create(ZONE_PREFIX, direct);
            shared = a; // volatile write publishes the allocator and its zones
        }
        return a;
    }
}
