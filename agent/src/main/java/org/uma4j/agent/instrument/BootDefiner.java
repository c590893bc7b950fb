package org.uma4j.agent.instrument;

import java.lang.reflect.Method;
import java.security.ProtectionDomain;

/**
 * Defines classes in the boot class loader through the JDK's internal {@code Unsafe.defineClass}.
 *
 * <p>Never loaded by the agent's own class loader: {@link BootstrapBridge} defines this class in
 * a throwaway loader of its own and exports {@code jdk.internal.misc} to that loader's unnamed
 * module alone, so neither the agent's nor the application's classes gain access to the JDK's
 * internals. It links only to {@code java.*}, since that loader's parent is the boot loader.
 *
 * <p>Threading: called once, by the installing thread.
 */
public final class BootDefiner {

    private BootDefiner() {
    }

    /**
     * Defines each class in the boot loader, in order.
     *
     * @param names binary class names
     * @param classes their class files
     * @throws ReflectiveOperationException if the internal method is missing or refuses a class
     */
    public static void define(String[] names, byte[][] classes) throws ReflectiveOperationException {
        Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
        Method define = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        for (int i = 0; i < names.length; i++) {
            define.invoke(unsafe, names[i], classes[i], 0, classes[i].length, null, null);
        }
    }
}
