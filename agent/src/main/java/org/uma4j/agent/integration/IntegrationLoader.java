package org.uma4j.agent.integration;

import java.io.IOException;
import java.io.InputStream;

/**
 * The class loader of uma4j's integration classes for one framework class loader.
 *
 * <p>It defines {@code org.uma4j.integration.*} itself, from the class files the agent jar
 * stores as resources under {@link #RESOURCE_ROOT} (never as classes, so no other loader can
 * define them where the framework is invisible); it sends every other {@code org.uma4j.*} name
 * to the agent's loader, so the allocator, its {@code ZoneRegistry.global()} and the debug
 * layer stay the agent's single copy that the report, JMX and JFR read; and it sends everything
 * else, Netty and Jetty above all, to the framework's loader, its parent.
 *
 * <p>Threading: parallel capable; a class is defined once under the loader's per-name lock.
 */
final class IntegrationLoader extends ClassLoader {

    /** Where the agent jar stores the integration class files. */
    static final String RESOURCE_ROOT = "META-INF/uma4j/integrations/";

    private static final String INTEGRATION_PACKAGE = "org.uma4j.integration.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader agent; // loads the allocator and debug layer, and holds the resources

    /**
     * Creates a loader.
     *
     * @param framework the loader of the framework class the advice ran in
     * @param agent the agent's own loader
     */
    IntegrationLoader(ClassLoader framework, ClassLoader agent) {
        super("uma4j-integrations", framework);
        this.agent = agent;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                if (name.startsWith(INTEGRATION_PACKAGE)) {
                    c = define(name);
                } else if (name.startsWith("org.uma4j.")) {
                    c = agent.loadClass(name);
                } else {
                    c = super.loadClass(name, false);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private Class<?> define(String name) throws ClassNotFoundException {
        String path = RESOURCE_ROOT + name.replace('.', '/') + ".class";
        try (InputStream in = agent.getResourceAsStream(path)) {
            if (in == null) {
                throw new ClassNotFoundException(name + " (no " + path + " in the agent jar)");
            }
            byte[] b = in.readAllBytes();
            return defineClass(name, b, 0, b.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
