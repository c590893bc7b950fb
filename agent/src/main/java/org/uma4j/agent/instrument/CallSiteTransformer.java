package org.uma4j.agent.instrument;

import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.uma4j.agent.account.CallKind;

/**
 * The agent's class file transformer.
 *
 * <p>Filters in order of cost: boot and platform classes and unnamed classes (no work), then the class name
 * ({@link ClassFilter}), then a scan of the raw bytes for the constants {@code java/nio/ByteBuffer}
 * and {@code org/uma4j/alloc/Zone} (a class that names neither cannot call them), and only then
 * parses and rewrites. A failure to
 * rewrite a class is counted, logged in one line for the first {@link #LOGGED_FAILURES}, and the
 * class is left as it was; the transformer never throws.
 *
 * <p>Threading: called concurrently by class-loading threads; counters are atomic.
 */
public final class CallSiteTransformer implements ClassFileTransformer {

    /** Failures logged one line each; later ones are counted only. */
    static final int LOGGED_FAILURES = 5;

    private static final byte[][] NEEDLES = {
        CallKind.Owners.BYTE_BUFFER.getBytes(StandardCharsets.UTF_8),
        CallKind.Owners.ZONE.getBytes(StandardCharsets.UTF_8),
        CallKind.Owners.MBUF.getBytes(StandardCharsets.UTF_8), // also a prefix of Mbufs
    };
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader(); // JDK modules only

    private final ClassFilter filter; // which classes may be rewritten
    private final CallSiteRewriter rewriter; // does the rewriting
    private final PrintStream log; // where failure lines go
    private final LongAdder transformed = new LongAdder(); // classes rewritten
    private final AtomicLong failures = new AtomicLong(); // classes that could not be rewritten

    /**
     * Creates the transformer.
     *
     * @param filter which classes may be rewritten
     * @param rewriter the rewriter
     * @param log where the failure lines go (standard error in production)
     */
    public CallSiteTransformer(ClassFilter filter, CallSiteRewriter rewriter, PrintStream log) {
        this.filter = filter;
        this.rewriter = rewriter;
        this.log = log;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (loader == null || loader == PLATFORM || className == null
                || !filter.accepts(className) || !mentionsTarget(classFile)) {
            return null;
        }
        try {
            byte[] out = rewriter.rewrite(classFile);
            if (out != null) {
                transformed.increment();
            }
            return out;
        } catch (Throwable t) {
            long n = failures.incrementAndGet();
            if (n <= LOGGED_FAILURES) {
                log.println("uma4j: cannot instrument " + className.replace('/', '.') + " (" + t
                        + "); the class runs unchanged" + (n == LOGGED_FAILURES ? "; further failures are counted only" : ""));
            }
            return null;
        }
    }

    /** @return classes rewritten so far */
    public long transformedCount() {
        return transformed.sum();
    }

    /** @return classes that failed to be rewritten so far */
    public long failureCount() {
        return failures.get();
    }

    /**
     * Tells whether a class file contains the bytes {@code java/nio/ByteBuffer},
     * {@code org/uma4j/alloc/Zone} or {@code org/uma4j/mbuf/Mbuf}, which it must (as constant pool
     * UTF-8 entries) to call them.
     *
     * @param classFile class file bytes
     * @return true if either name occurs
     */
    static boolean mentionsTarget(byte[] classFile) {
        for (byte[] needle : NEEDLES) {
            if (contains(classFile, needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        byte first = needle[0];
        int last = haystack.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
