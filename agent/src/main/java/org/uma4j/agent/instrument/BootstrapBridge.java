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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the bridge package in the boot class loader, so every class loader that delegates to its
 * parent finds it.
 *
 * <p>First choice: the bridge's class files (read from the agent's own jar as resources, so
 * they are not loaded here) are defined in the boot loader directly, through the JDK's internal
 * {@code Unsafe.defineClass}, called by {@link BootDefiner} from a throwaway class loader to
 * whose unnamed module alone {@code jdk.internal.misc} is exported ({@code
 * Instrumentation.redefineModule}). No file is written, and the boot class path is left alone, so
 * the JVM keeps class data sharing for application classes and prints no notice about it.
 *
 * <p>Fallback, when that is not possible on this JDK: a jar appended to the boot class path. It
 * is named by a digest of the class files and kept in a directory of the user's own
 * ({@code <java.io.tmpdir>/uma4j-<user>}, mode 700), so every JVM of one agent version reuses one
 * file: a JVM that is killed, or halts, leaves nothing new behind. A file found there is used only
 * if its classes are byte for byte the agent's; anything else (a directory another user owns or
 * can write, a file system without POSIX permissions) falls back to a temporary jar deleted at
 * exit. Jars are written to a temporary name and renamed into place, so a JVM never opens a
 * half-written jar, and one that already opened the file keeps its copy when another replaces it.
 *
 * <p>Must run before anything loads {@code org.uma4j.agent.bridge} classes. A bridge class
 * already in the boot loader (an earlier install in this JVM) is not defined again.
 *
 * <p>Threading: called by the installing thread; JVMs sharing the directory may race, and the
 * rename decides.
 */
public final class BootstrapBridge {

    /** Class files of the bridge package, by resource name; interfaces before the classes naming them. */
    static final String[] CLASSES = {
        "org/uma4j/agent/bridge/BufferRecorder.class", "org/uma4j/agent/bridge/SiteCell.class",
        "org/uma4j/agent/bridge/BufferHooks.class",
        "org/uma4j/agent/bridge/FrameworkHooks.class",
    };

    // Named by string: a class literal would load BootDefiner into the agent's own loader too.
    private static final String DEFINER_NAME = "org.uma4j.agent.instrument.BootDefiner";
    private static final String DEFINER = DEFINER_NAME.replace('.', '/') + ".class";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private BootstrapBridge() {
    }

    /**
     * Puts the bridge in the boot loader: defined there directly, or else from an appended jar.
     *
     * @param inst the agent's instrumentation
     * @param jarOnly skip the direct definition and append the jar ({@code bridge=jar})
     * @return the jar appended, or null when the classes were defined in the boot loader directly
     * @throws IOException if the bridge classes cannot be read or the fallback jar written
     */
    public static Path append(Instrumentation inst, boolean jarOnly) throws IOException {
        byte[][] classes = readClasses();
        if (!jarOnly && defineInBootLoader(inst, classes)) {
            return null;
        }
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
     * Defines the bridge classes not yet in the boot loader there, through {@link BootDefiner}.
     *
     * @return whether every bridge class is now in the boot loader; false leaves at most some of
     *     them defined (the appended jar then holds the same bytes)
     */
    static boolean defineInBootLoader(Instrumentation inst, byte[][] classes) {
        try {
            List<String> names = new ArrayList<>();
            List<byte[]> missing = new ArrayList<>();
            for (int i = 0; i < CLASSES.length; i++) {
                String name = CLASSES[i].substring(0, CLASSES[i].length() - ".class".length()).replace('/', '.');
                if (!inBootLoader(name)) {
                    names.add(name);
                    missing.add(classes[i]);
                }
            }
            if (names.isEmpty()) {
                return true;
            }
            DefinerLoader loader = new DefinerLoader();
            Class<?> definer = loader.define(readResource(DEFINER));
            Module base = Object.class.getModule();
            inst.redefineModule(base, Set.of(), Map.of("jdk.internal.misc", Set.of(loader.getUnnamedModule())),
                    Map.of(), Set.of(), Map.of());
            definer.getMethod("define", String[].class, byte[][].class)
                    .invoke(null, names.toArray(new String[0]), missing.toArray(new byte[0][]));
            for (String name : names) {
                if (!inBootLoader(name)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean inBootLoader(String name) {
        try {
            return Class.forName(name, false, null) != null;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Defines {@link BootDefiner} alone, with the boot loader as parent: it sees java.* only. */
    private static final class DefinerLoader extends ClassLoader {
        DefinerLoader() {
            super("uma4j-boot-definer", null);
        }

        Class<?> define(byte[] b) {
            return defineClass(DEFINER_NAME, b, 0, b.length);
        }
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
            classes[i] = readResource(CLASSES[i]);
        }
        return classes;
    }

    private static byte[] readResource(String name) throws IOException {
        try (InputStream in = BootstrapBridge.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("bridge class " + name + " is missing from the agent jar");
            }
            return in.readAllBytes();
        }
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
