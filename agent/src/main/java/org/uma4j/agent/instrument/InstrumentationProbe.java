package org.uma4j.agent.instrument;

import java.nio.ByteBuffer;

/**
 * The self-test call site: loaded only after the transformer is installed, so its one
 * {@code ByteBuffer.allocate} call must arrive rewritten. Its site is flagged as a probe and
 * left out of reports.
 */
public final class InstrumentationProbe {

    private InstrumentationProbe() {
    }

    /**
     * Runs the probe call site once.
     *
     * @return the buffer, of capacity 1
     */
    public static ByteBuffer probe() {
        return ByteBuffer.allocate(1);
    }
}
