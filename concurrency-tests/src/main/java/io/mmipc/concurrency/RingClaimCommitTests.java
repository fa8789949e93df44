package io.mmipc.concurrency;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

import java.nio.ByteBuffer;

/**
 * The ring's zero-copy publication: a producer claims a record ({@code tryClaim}), writes the
 * payload in place and commits it; a consumer must see either nothing or the whole payload, never
 * a record that is not committed yet or one whose payload is torn. Payloads are three longs
 * derived from a value ({@code v, v * 31 + 13, ~v}, the Disruptor's habit), so a zeroed or half
 * written one does not pass. Outcomes are "records read, damaged records" (and, with two
 * producers, whose record came first); every outcome not listed is forbidden.
 */
public final class RingClaimCommitTests
{
    static final int TYPE = 7;
    static final int LENGTH = 3 * Long.BYTES;
    static final int CAPACITY = 1024;

    private RingClaimCommitTests()
    {
    }

    static AtomicBuffer ringMemory()
    {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY + RingBufferDescriptor.TRAILER_LENGTH));
    }

    /**
     * Claims, writes and commits one record of value {@code v}.
     */
    static void publish(final RingBuffer ring, final long v)
    {
        final int index = ring.tryClaim(TYPE, LENGTH);
        if (index <= 0)
        {
            throw new IllegalStateException("an empty ring of " + CAPACITY + " bytes refused a claim of " + LENGTH);
        }
        final AtomicBuffer buffer = ring.buffer();
        buffer.putLong(index, v);
        buffer.putLong(index + Long.BYTES, v * 31 + 13);
        buffer.putLong(index + 2 * Long.BYTES, ~v);
        ring.commit(index);
    }

    /**
     * @return the record's value, or -1 when it is not a whole record of {@link #publish}.
     */
    static long valueOf(final int type, final DirectBuffer buffer, final int index, final int length)
    {
        if (type != TYPE || length != LENGTH)
        {
            return -1;
        }
        final long v = buffer.getLong(index);
        return buffer.getLong(index + Long.BYTES) == v * 31 + 13 && buffer.getLong(index + 2 * Long.BYTES) == ~v ? v : -1;
    }

    /**
     * Reads at most one record: r1 counts it, r2 counts it as damaged unless it is whole and of value 42.
     */
    static void readOne(final RingBuffer ring, final II_Result r)
    {
        r.r1 = ring.read((type, buffer, index, length) ->
        {
            if (valueOf(type, buffer, index, length) != 42)
            {
                r.r2++;
            }
        }, 1);
    }

    /**
     * Reads up to {@code limit} records into {@code r}: r1 counts them, r2 counts the damaged, r3 is the first value.
     */
    static final class Reader implements MessageHandler
    {
        private final III_Result r;

        Reader(final III_Result r)
        {
            this.r = r;
        }

        @Override
        public void onMessage(final int type, final MutableDirectBuffer buffer, final int index, final int length)
        {
            final long v = valueOf(type, buffer, index, length);
            if (v < 0)
            {
                r.r2++;
            }
            else if (r.r1 == 0)
            {
                r.r3 = (int)v;
            }
            r.r1++;
        }
    }

    @JCStressTest
    @Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "read before the commit: nothing")
    @Outcome(id = "1, 0", expect = Expect.ACCEPTABLE, desc = "read after the commit: the whole record")
    @State
    public static class OneToOneClaimCommit
    {
        private final RingBuffer ring = new OneToOneRingBuffer(ringMemory());

        @Actor
        public void producer()
        {
            publish(ring, 42);
        }

        @Actor
        public void consumer(final II_Result r)
        {
            readOne(ring, r);
        }
    }

    @JCStressTest
    @Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "read before the commit: nothing")
    @Outcome(id = "1, 0", expect = Expect.ACCEPTABLE, desc = "read after the commit: the whole record")
    @State
    public static class ManyToOneClaimCommit
    {
        private final RingBuffer ring = new ManyToOneRingBuffer(ringMemory());

        @Actor
        public void producer()
        {
            publish(ring, 42);
        }

        @Actor
        public void consumer(final II_Result r)
        {
            readOne(ring, r);
        }
    }

    /**
     * Two producers claim at once: both records arrive whole, in one order or the other.
     */
    @JCStressTest
    @Outcome(id = "2, 0, 1", expect = Expect.ACCEPTABLE, desc = "both whole, producer 1's first")
    @Outcome(id = "2, 0, 2", expect = Expect.ACCEPTABLE, desc = "both whole, producer 2's first")
    @State
    public static class ManyToOneTwoProducers
    {
        private final RingBuffer ring = new ManyToOneRingBuffer(ringMemory());

        @Actor
        public void producer1()
        {
            publish(ring, 1);
        }

        @Actor
        public void producer2()
        {
            publish(ring, 2);
        }

        @Arbiter
        public void consumer(final III_Result r)
        {
            ring.read(new Reader(r), 10);
        }
    }
}
