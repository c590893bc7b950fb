package org.uma4j.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the bridge package on the boot class path: copies its class files from the agent's own
 * jar (read as resources, so they are not loaded here) into a temporary jar and appends that jar.
 *
 * <p>Must run before anything loads {@code org.uma4j.agent.bridge} classes: from then on the
 * system class loader finds them through its parent, the boot loader, and so does every loader
 * that delegates.
 *
 * <p>Threading: called once, by the installing thread.
 */
public final class BootstrapBridge {

    /** Class files of the bridge package, by resource name. */
    static final String[] CLASSES = {
        "org/uma4j/agent/bridge/BufferHooks.class", "org/uma4j/agent/bridge/BufferRecorder.class",
        "org/uma4j/agent/bridge/FrameworkHooks.class",
    };

    private BootstrapBridge() {
    }

    /**
     * Appends the bridge to the boot class path.
     *
     * @param inst the agent's instrumentation
     * @return the temporary jar, deleted at exit
     * @throws IOException if the bridge classes cannot be read or the jar written
     */
    public static Path append(Instrumentation inst) throws IOException {
        Path jar = Files.createTempFile("uma4j-bridge-", ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String name : CLASSES) {
                try (InputStream in = BootstrapBridge.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("bridge class " + name + " is missing from the agent jar");
                    }
                    out.putNextEntry(new JarEntry(name));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
        return jar;
    }
}
