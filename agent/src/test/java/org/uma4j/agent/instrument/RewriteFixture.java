package org.uma4j.agent.instrument;

import java.nio.ByteBuffer;
import java.util.function.IntFunction;

/**
 * Call sites for {@link CallSiteRewriterTest}; a marker comment (SITE and the method name) ends the line of
 * each call the test expects to be rewritten.
 */
public final class RewriteFixture {

    private RewriteFixture() {
    }

    public static ByteBuffer allocate(int n) {
        return ByteBuffer.allocate(n); // SITE allocate
    }

    public static ByteBuffer allocateDirect(int n) {
        return ByteBuffer.allocateDirect(n); // SITE allocateDirect
    }

    public static ByteBuffer wrap(byte[] a) {
        return ByteBuffer.wrap(a); // SITE wrap
    }

    public static ByteBuffer wrapRange(byte[] a, int off, int len) {
        return ByteBuffer.wrap(a, off, len); // SITE wrapRange
    }

    public static ByteBuffer readOnlyView(byte[] a) {
        return ByteBuffer.wrap(a).asReadOnlyBuffer(); // SITE readOnlyView
    }

    public static int loop(int n) {
        int total = 0;
        for (int i = 0; i < n; i++) {
            ByteBuffer b = i % 2 == 0 ? ByteBuffer.allocate(i) : ByteBuffer.allocate(i + 1000); // SITE loop
            total += b.capacity();
        }
        return total;
    }

    public static long wide(long a, double d, int n) {
        return a + (long) d + ByteBuffer.allocate(n).capacity() + a; // SITE wide
    }

    public static ByteBuffer methodReference(int n) {
        IntFunction<ByteBuffer> f = ByteBuffer::allocate; // a known gap: not rewritten
        return f.apply(n);
    }

    public static ByteBuffer notAFactory(ByteBuffer b) {
        return b.duplicate();
    }
}
