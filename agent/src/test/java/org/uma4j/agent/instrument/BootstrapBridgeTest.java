package org.uma4j.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge jar: one file per bridge version in the user's own directory, reused by every JVM
 * and rewritten when its bytes are not the bridge's; no shared directory another user could
 * write is ever used.
 */
class BootstrapBridgeTest {

    private static final String USER = System.getProperty("user.name");

    @TempDir
    Path tmp;

    private static byte[][] classes(String tag) {
        byte[][] c = new byte[BootstrapBridge.CLASSES.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = (tag + i).getBytes(StandardCharsets.UTF_8);
        }
        return c;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void everyJvmOfOneVersionReusesOneJar() throws IOException {
        Path dir = BootstrapBridge.privateDirectory(tmp, USER);
        assertEquals(tmp.resolve("uma4j-" + USER), dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        Path first = BootstrapBridge.shared(dir, classes("v1-"));
        long written = Files.getLastModifiedTime(first).toMillis();
        Path again = BootstrapBridge.shared(dir, classes("v1-"));
        assertEquals(first, again);
        assertEquals(written, Files.getLastModifiedTime(again).toMillis(), "reused, not rewritten");
        assertEquals(List.of(first), files(dir), "one jar, no temporary left");
        Path other = BootstrapBridge.shared(dir, classes("v2-"));
        assertNotEquals(first, other, "another bridge version gets its own jar");
        assertJarHolds(other, classes("v2-"));
    }

    @Test
    void aJarWhoseBytesAreNotTheBridgesIsReplaced() throws IOException {
        Path dir = BootstrapBridge.privateDirectory(tmp, USER);
        Path jar = BootstrapBridge.shared(dir, classes("v1-"));
        Files.write(jar, "torn".getBytes(StandardCharsets.UTF_8));
        assertEquals(jar, BootstrapBridge.shared(dir, classes("v1-")));
        assertJarHolds(jar, classes("v1-"));
        assertEquals(List.of(jar), files(dir));
    }

    @Test
    void aDirectoryOthersCanWriteOrAnotherUserOwnsIsNotUsed() throws IOException {
        Path open = Files.createDirectory(tmp.resolve("uma4j-carol"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertNull(BootstrapBridge.privateDirectory(tmp, "carol"), "world-writable");
        Path mine = BootstrapBridge.privateDirectory(tmp, USER);
        assertEquals(tmp.resolve("uma4j-" + USER), mine);
        // Owned by the user running this test: not the directory of a user with another name.
        Files.move(mine, tmp.resolve("uma4j-nobody-else"));
        assertNull(BootstrapBridge.privateDirectory(tmp, "nobody-else"), "owned by another user");
        Path link = Files.createSymbolicLink(tmp.resolve("uma4j-dave"), tmp.resolve("uma4j-nobody-else"));
        assertNull(BootstrapBridge.privateDirectory(tmp, "dave"), "a link: " + link);
        assertNull(BootstrapBridge.privateDirectory(tmp, ""), "no user name");
    }

    private static void assertJarHolds(Path jar, byte[][] classes) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            assertEquals(classes.length, f.size());
            for (int i = 0; i < classes.length; i++) {
                try (InputStream in = f.getInputStream(f.getJarEntry(BootstrapBridge.CLASSES[i]))) {
                    assertArrayEquals(classes[i], in.readAllBytes());
                }
            }
        }
    }
}
