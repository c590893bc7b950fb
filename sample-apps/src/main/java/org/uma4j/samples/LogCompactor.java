package org.uma4j.samples;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A buffer-heavy program written against plain {@link ByteBuffer}s, with no uma4j code in it:
 * the agent demo. It frames key/value log records into buffers, compacts them (the last
 * value of each key wins) into segments, and writes the segments to a temporary file through
 * a direct I/O buffer. Run it with the agent to see its call sites and size classes:
 *
 * <pre>
 * java -javaagent:agent/target/uma4j-agent.jar=include=org.uma4j.samples.*,report=target/compactor.json \
 *      -cp sample-apps/target/uma4j-sample-apps.jar org.uma4j.samples.LogCompactor [records]
 * java -jar agent/target/uma4j-agent.jar umastat target/compactor.json
 * </pre>
 */
public final class LogCompactor {
    private static final int SEGMENT_BYTES = 64 * 1024;

    private LogCompactor() {
    }

    /**
     * Runs the compactor.
     *
     * @param args optional record count (default 200000)
     * @throws IOException if the temporary file cannot be written
     */
    public static void main(String[] args) throws IOException {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        SplittableRandom rnd = new SplittableRandom(42);
        Map<String, ByteBuffer> latest = new HashMap<>();
        long framed = 0;
        for (int i = 0; i < records; i++) {
            String key = "key-" + rnd.nextInt(5_000);
            byte[] value = new byte[16 + rnd.nextInt(rnd.nextInt(8) == 0 ? 3000 : 200)];
            rnd.nextBytes(value);
            ByteBuffer record = frame(key, value);
            framed += record.remaining();
            latest.put(key, record); // the previous record of the key becomes garbage: compaction
        }
        Path out = Files.createTempFile("uma4j-compactor", ".log");
        long written = 0;
        int segments = 0;
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE)) {
            ByteBuffer io = ByteBuffer.allocateDirect(SEGMENT_BYTES);
            ByteBuffer segment = ByteBuffer.allocate(SEGMENT_BYTES);
            for (ByteBuffer record : latest.values()) {
                if (record.remaining() > segment.remaining()) {
                    written += flush(segment, io, ch);
                    segments++;
                    segment = ByteBuffer.allocate(SEGMENT_BYTES);
                }
                segment.put(record.duplicate());
            }
            written += flush(segment, io, ch);
            segments++;
        } finally {
            Files.deleteIfExists(out);
        }
        System.out.printf("LogCompactor: %d records (%d bytes) compacted to %d keys in %d segments (%d bytes)%n",
                records, framed, latest.size(), segments, written);
    }

    /** Frames one record: key length, key, value length, value. */
    private static ByteBuffer frame(String key, byte[] value) {
        ByteBuffer k = ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8));
        ByteBuffer r = ByteBuffer.allocate(8 + k.remaining() + value.length);
        r.putInt(k.remaining()).put(k).putInt(value.length).put(value).flip();
        return r;
    }

    private static long flush(ByteBuffer segment, ByteBuffer io, FileChannel ch) throws IOException {
        segment.flip();
        long n = 0;
        while (segment.hasRemaining()) {
            io.clear();
            ByteBuffer slice = segment.slice();
            slice.limit(Math.min(slice.remaining(), io.remaining()));
            io.put(slice).flip();
            segment.position(segment.position() + io.remaining());
            while (io.hasRemaining()) {
                n += ch.write(io);
            }
        }
        return n;
    }
}
