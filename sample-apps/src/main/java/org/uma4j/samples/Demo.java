package org.uma4j.samples;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.uma4j.alloc.Buf;
import org.uma4j.alloc.Reclaim;
import org.uma4j.alloc.Vmstat;
import org.uma4j.alloc.Zone;
import org.uma4j.alloc.ZoneRegistry;

/**
 * The quick-start demo: a small framing pipeline that reads records into 2 KiB buffers from a
 * limited zone, hands them to a second thread that frees them, and prints the zones'
 * {@code vmstat -z} table before and after a reclaim.
 *
 * <pre>
 * java -cp sample-apps/target/uma4j-sample-apps.jar org.uma4j.samples.Demo [records]
 * </pre>
 */
public final class Demo {
    private Demo() {
    }

    /**
     * Runs the demo.
     *
     * @param args optional record count (default 200000)
     * @throws InterruptedException if interrupted while waiting for the consumer
     */
    public static void main(String[] args) throws InterruptedException {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        ZoneRegistry reg = ZoneRegistry.global();
        Zone<Buf> frames = Zone.builder("frame-2048", 2048).limit(1024)
                .warning("frame-2048 limit reached: the consumer is behind").build();
        Zone<Buf> headers = Zone.builder("header-64", 64).build();

        ArrayDeque<Buf> queue = new ArrayDeque<>();
        Thread consumer = new Thread(() -> consume(queue, records), "consumer");
        consumer.start();
        byte[] payload = "uma4j frame payload ".repeat(120).getBytes(StandardCharsets.US_ASCII);
        long bytes = 0;
        for (int i = 0; i < records; i++) {
            Buf header = headers.alloc();
            header.writeByte(i & 0xff);
            Buf frame = frames.alloc(Zone.WAITOK); // sleeps at the limit until the consumer frees
            int len = 200 + (i % 1800);
            frame.writeBytes(payload, 0, len);
            bytes += len;
            headers.free(header);
            synchronized (queue) {
                queue.add(frame);
                queue.notifyAll();
            }
        }
        consumer.join();
        System.out.printf("framed %d records, %d bytes%n%n", records, bytes);
        System.out.print(Vmstat.render(reg.stats()));
        long items = reg.reclaim(Reclaim.DRAIN);
        System.out.printf("%nafter reclaim (DRAIN gave back %d items):%n", items);
        System.out.print(Vmstat.render(reg.stats()));
    }

    private static void consume(ArrayDeque<Buf> queue, int records) {
        long checksum = 0;
        for (int i = 0; i < records; i++) {
            Buf frame;
            synchronized (queue) {
                while (queue.isEmpty()) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                frame = queue.poll();
            }
            ByteBuffer nio = frame.byteBuffer();
            checksum += nio.get(0) + frame.readableBytes();
            frame.free();
        }
        System.out.printf("consumer checksum %d%n", checksum);
    }
}
