package org.uma4j.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the bridge package on the boot class path: copies its class files from the agent's own
 * jar (read as resources, so they are not loaded here) into a jar and appends that jar.
 *
 * <p>The jar is named by a digest of the class files and kept in a directory of the user's own
 * ({@code <java.io.tmpdir>/uma4j-<user>}, mode 700), so every JVM of one agent version reuses one
 * file: a JVM that is killed, or halts, leaves nothing new behind. A file found there is used only
 * if its classes are byte for byte the agent's; anything else (a directory another user owns or
 * can write, a file system without POSIX permissions) falls back to a temporary jar deleted at
 * exit. Jars are written to a temporary name and renamed into place, so a JVM never opens a
 * half-written jar, and one that already opened the file keeps its copy when another replaces it.
 *
 * <p>Must run before anything loads {@code org.uma4j.agent.bridge} classes: from then on the
 * system class loader finds them through its parent, the boot loader, and so does every loader
 * that delegates.
 *
 * <p>Threading: called once, by the installing thread; JVMs sharing the directory may race, and
 * the rename decides.
 */
public final class BootstrapBridge {

    /** Class files of the bridge package, by resource name. */
    static final String[] CLASSES = {
        "org/uma4j/agent/bridge/BufferHooks.class", "org/uma4j/agent/bridge/BufferRecorder.class",
        "org/uma4j/agent/bridge/FrameworkHooks.class",
    };

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private BootstrapBridge() {
    }

    /**
     * Appends the bridge to the boot class path.
     *
     * @param inst the agent's instrumentation
     * @return the jar appended
     * @throws IOException if the bridge classes cannot be read or the jar written
     */
    public static Path append(Instrumentation inst) throws IOException {
        byte[][] classes = readClasses();
        Path dir = privateDirectory(Path.of(System.getProperty("java.io.tmpdir")), System.getProperty("user.name"));
        Path jar = dir == null ? null : shared(dir, classes);
        if (jar == null) {
            jar = Files.createTempFile("uma4j-bridge-", ".jar");
            jar.toFile().deleteOnExit();
            write(jar, classes);
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
        return jar;
    }

    /**
     * Returns the jar holding {@code classes} in {@code dir}, written there if missing or different.
     *
     * @param dir a directory only this user can write
     * @param classes the class files, in {@link #CLASSES} order
     * @return the jar
     * @throws IOException if it cannot be written
     */
    static Path shared(Path dir, byte[][] classes) throws IOException {
        Path jar = dir.resolve("bridge-" + digest(classes) + ".jar");
        if (!Files.isRegularFile(jar, LinkOption.NOFOLLOW_LINKS) || !holds(jar, classes)) {
            Path tmp = Files.createTempFile(dir, "bridge-", ".tmp");
            try {
                write(tmp, classes);
                Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return jar;
    }

    /**
     * Returns {@code <tmp>/uma4j-<user>}, created mode 700 if missing, or null when it is not this
     * user's alone (owned by another, writable by group or others, a link) or permissions are not
     * POSIX.
     *
     * @param tmp the temporary directory
     * @param user the user name, as in {@code user.name}
     * @return the directory, or null
     */
    static Path privateDirectory(Path tmp, String user) {
        if (user == null || user.isEmpty() || tmp.getFileSystem().supportedFileAttributeViews().stream()
                .noneMatch("posix"::equals)) {
            return null;
        }
        Path dir = tmp.resolve("uma4j-" + user.replaceAll("[^A-Za-z0-9._-]", "_"));
        try {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException e) {
                // checked below, as a directory we created
            }
            PosixFileAttributes a = Files.getFileAttributeView(dir, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes();
            boolean ours = a.isDirectory() && a.owner().getName().equals(user)
                    && a.permissions().equals(EnumSet.copyOf(OWNER_ONLY));
            return ours ? dir : null;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    private static byte[][] readClasses() throws IOException {
        byte[][] classes = new byte[CLASSES.length][];
        for (int i = 0; i < CLASSES.length; i++) {
            try (InputStream in = BootstrapBridge.class.getClassLoader().getResourceAsStream(CLASSES[i])) {
                if (in == null) {
                    throw new IOException("bridge class " + CLASSES[i] + " is missing from the agent jar");
                }
                classes[i] = in.readAllBytes();
            }
        }
        return classes;
    }

    private static void write(Path jar, byte[][] classes) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (int i = 0; i < CLASSES.length; i++) {
                out.putNextEntry(new JarEntry(CLASSES[i]));
                out.write(classes[i]);
                out.closeEntry();
            }
        }
    }

    /** @return whether {@code jar} holds exactly these class files (a torn or foreign file does not) */
    private static boolean holds(Path jar, byte[][] classes) {
        try (JarFile f = new JarFile(jar.toFile())) {
            if (f.size() != CLASSES.length) {
                return false;
            }
            for (int i = 0; i < CLASSES.length; i++) {
                JarEntry e = f.getJarEntry(CLASSES[i]);
                if (e == null) {
                    return false;
                }
                try (InputStream in = f.getInputStream(e)) {
                    if (!Arrays.equals(in.readAllBytes(), classes[i])) {
                        return false;
                    }
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String digest(byte[][] classes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < CLASSES.length; i++) {
                md.update(CLASSES[i].getBytes(StandardCharsets.UTF_8));
                md.update(classes[i]);
            }
            StringBuilder hex = new StringBuilder();
            for (byte b : Arrays.copyOf(md.digest(), 12)) {
                hex.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 (expected: in every JDK)", e);
        }
    }
}
