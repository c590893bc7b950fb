package org.uma4j.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded single-producer single-consumer hand-off of items between two threads, the
 * harness for {@link ProducerConsumerBenchmark}. It allocates nothing after construction, so
 * the allocation rate measured there belongs to the subject.
 *
 * <p>Threading: {@link #offer} from one producer thread only, {@link #poll} from one consumer
 * thread only. Between JMH iterations (all threads parked at JMH's barrier) any one thread may
 * {@link #poll} to drain.
 *
 * <p>Protocol (FastFlow style): a slot is empty when it holds {@code null}. Each side keeps its
 * own cursor in its own cache line, so the sides share only the slots they hand over.
 */
final class SpscHandoff extends SpscHandoffConsumerCursor {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    /** Creates a hand-off of {@code capacity} slots, a power of two. */
    SpscHandoff(int capacity) {
        super(capacity);
    }

    /** Hands {@code item} (not null) over; false when all slots are taken. Producer only. */
    boolean offer(Object item) {
        int i = (int) producerIndex & mask;
        if (SLOT.getAcquire(slots, i) != null) {
            return false; // the consumer has not taken this slot yet: full
        }
        SLOT.setRelease(slots, i, item); // the item's state visible before the slot
        producerIndex++;
        return true;
    }

    /** Takes the oldest item, or null when there is none. Consumer only. */
    Object poll() {
        int i = (int) consumerIndex & mask;
        Object item = SLOT.getAcquire(slots, i); // pairs with offer's setRelease
        if (item == null) {
            return null;
        }
        SLOT.setRelease(slots, i, null); // slot free only after the item was read
        consumerIndex++;
        return item;
    }
}

/** Slots, then padding so the producer cursor does not share a line with the array header. */
abstract class SpscHandoffSlots {
    final Object[] slots; // written by offer (non-null) and poll (null) through SLOT
    final int mask;       // capacity - 1

    SpscHandoffSlots(int capacity) {
        if (capacity <= 0 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: a power of two)");
        }
        slots = new Object[capacity];
        mask = capacity - 1;
    }
}

abstract class SpscHandoffPad1 extends SpscHandoffSlots {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15; // padding

    SpscHandoffPad1(int capacity) {
        super(capacity);
    }
}

abstract class SpscHandoffProducerCursor extends SpscHandoffPad1 {
    long producerIndex; // producer thread only

    SpscHandoffProducerCursor(int capacity) {
        super(capacity);
    }
}

abstract class SpscHandoffPad2 extends SpscHandoffProducerCursor {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15; // padding

    SpscHandoffPad2(int capacity) {
        super(capacity);
    }
}

abstract class SpscHandoffConsumerCursor extends SpscHandoffPad2 {
    long consumerIndex; // consumer thread only
    long r00, r01, r02, r03, r04, r05, r06, r07, r08, r09, r10, r11, r12, r13, r14, r15; // padding

    SpscHandoffConsumerCursor(int capacity) {
        super(capacity);
    }
}
