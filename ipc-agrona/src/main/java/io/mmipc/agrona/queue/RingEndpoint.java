package io.mmipc.agrona.queue;

import io.mmipc.MessageHandler;
import io.mmipc.codec.Codec;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.function.Supplier;

import static io.mmipc.agrona.queue.ChannelDescriptor.DATA_MSG_TYPE_ID;
import static io.mmipc.agrona.queue.ChannelDescriptor.SPILL_MSG_TYPE_ID;

/**
 * What queues and pipe ends share: the size rules, spilling of large messages, the codec level,
 * and the three forms of every call (blocking, timed, non-blocking), waiting through an
 * {@link IdleStrategy} and honouring interrupts. Subclasses provide one non-blocking write and
 * one non-blocking read.
 */
abstract class RingEndpoint<T>
{
    /** A timeout that means "wait as long as it takes". */
    static final long FOREVER = -1;
    /** How often a waiting receiver asks whether the process it waits for still lives. */
    static final long LIVENESS_CHECK_NANOS = 10_000_000L;
    /** How often a receiver that polls without waiting asks it (a spinning poller reaches it too). */
    static final long POLL_LIVENESS_CHECK_NANOS = 100_000_000L;

    final Codec<T> codec;
    final int maxMessageLength;
    final int maxInlineLength;
    private final ThreadLocal<IdleStrategy> idle;
    private final ThreadLocal<ExpandableDirectByteBuffer> scratch =
        ThreadLocal.withInitial(() -> new ExpandableDirectByteBuffer(256));
    private final ThreadLocal<Decoder<T>> decoder;

    RingEndpoint(
        final Codec<T> codec, final int maxMessageLength, final int maxInlineLength, final Supplier<IdleStrategy> idle)
    {
        this.codec = codec;
        this.maxMessageLength = maxMessageLength;
        this.maxInlineLength = maxInlineLength;
        this.idle = ThreadLocal.withInitial(idle);
        this.decoder = ThreadLocal.withInitial(() -> new Decoder<>(codec));
    }

    /**
     * Writes one record of a kind ({@link ChannelDescriptor#DATA_MSG_TYPE_ID} or
     * {@link ChannelDescriptor#SPILL_MSG_TYPE_ID}) without waiting.
     *
     * @return false when the ring is full.
     */
    abstract boolean tryWrite(DirectBuffer buffer, int offset, int length, int kind);

    /**
     * Reads up to {@code limit} messages without waiting.
     *
     * @throws io.mmipc.EndOfStreamException when nothing can arrive any more.
     */
    abstract int tryRead(MessageHandler handler, int limit);

    /**
     * Called while a receive waits, about every {@link #LIVENESS_CHECK_NANOS}: may throw
     * {@link io.mmipc.EndOfStreamException}.
     */
    void checkEndOfStream()
    {
    }

    /**
     * Called while a send waits for room: may throw when nobody will ever read.
     */
    void checkReceiverGone()
    {
    }

    abstract SpillFiles spill();

    abstract long token();

    /**
     * @return the object, for messages ("queue tasks").
     */
    abstract String describe();

    final boolean send(final DirectBuffer buffer, final int offset, final int length, final long timeoutNanos)
        throws InterruptedException
    {
        if (length <= maxInlineLength && length >= 0)
        {
            return sendRecord(buffer, offset, length, DATA_MSG_TYPE_ID, timeoutNanos);
        }
        checkLength(length);
        final UnsafeBuffer ref = new UnsafeBuffer(new byte[SpillFiles.REF_LENGTH]);
        spill().write(token(), buffer, offset, length, ref);
        boolean sent = false;
        try
        {
            sent = sendRecord(ref, 0, SpillFiles.REF_LENGTH, SPILL_MSG_TYPE_ID, timeoutNanos);
            return sent;
        }
        finally
        {
            if (!sent)
            {
                spill().delete(ref);
            }
        }
    }

    final boolean sendNow(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= maxInlineLength && length >= 0)
        {
            return tryWrite(buffer, offset, length, DATA_MSG_TYPE_ID);
        }
        try
        {
            return send(buffer, offset, length, 0);
        }
        catch (final InterruptedException ex)
        {
            throw new IllegalStateException("a send that does not wait was interrupted", ex);
        }
    }

    final boolean sendObject(final T value, final long timeoutNanos) throws InterruptedException
    {
        final ExpandableDirectByteBuffer buffer = scratch.get();
        final int length = codec.encode(value, buffer, 0);
        return send(buffer, 0, length, timeoutNanos);
    }

    final boolean sendObjectNow(final T value)
    {
        final ExpandableDirectByteBuffer buffer = scratch.get();
        return sendNow(buffer, 0, codec.encode(value, buffer, 0));
    }

    private boolean sendRecord(
        final DirectBuffer buffer, final int offset, final int length, final int kind, final long timeoutNanos)
        throws InterruptedException
    {
        if (tryWrite(buffer, offset, length, kind))
        {
            return true;
        }
        if (timeoutNanos == 0)
        {
            return false;
        }
        final IdleStrategy idler = idle.get();
        idler.reset();
        final long start = System.nanoTime();
        long nextCheck = start;
        while (true)
        {
            if (Thread.interrupted())
            {
                throw new InterruptedException(describe() + ": interrupted while waiting for room");
            }
            idler.idle();
            if (tryWrite(buffer, offset, length, kind))
            {
                return true;
            }
            final long now = System.nanoTime();
            if (timeoutNanos > 0 && now - start >= timeoutNanos)
            {
                return false;
            }
            if (now - nextCheck >= 0)
            {
                nextCheck = now + LIVENESS_CHECK_NANOS;
                checkReceiverGone();
            }
        }
    }

    /**
     * Hands one message to {@code handler}, waiting up to {@code timeoutNanos} ({@link #FOREVER}, or 0).
     */
    final boolean receive(final MessageHandler handler, final long timeoutNanos) throws InterruptedException
    {
        if (tryRead(handler, 1) > 0)
        {
            return true;
        }
        if (timeoutNanos == 0)
        {
            return false;
        }
        final IdleStrategy idler = idle.get();
        idler.reset();
        final long start = System.nanoTime();
        long nextCheck = start + LIVENESS_CHECK_NANOS;
        while (true)
        {
            if (Thread.interrupted())
            {
                throw new InterruptedException(describe() + ": interrupted while waiting for a message");
            }
            idler.idle();
            if (tryRead(handler, 1) > 0)
            {
                return true;
            }
            final long now = System.nanoTime();
            if (timeoutNanos > 0 && now - start >= timeoutNanos)
            {
                return false;
            }
            if (now - nextCheck >= 0)
            {
                nextCheck = now + LIVENESS_CHECK_NANOS;
                checkEndOfStream();
            }
        }
    }

    /**
     * @return the next object, or null when none arrived within {@code timeoutNanos}.
     */
    final T receiveObject(final long timeoutNanos) throws InterruptedException
    {
        final Decoder<T> d = decoder.get();
        return receive(d, timeoutNanos) ? d.take() : null;
    }

    final T receiveObjectNow()
    {
        final Decoder<T> d = decoder.get();
        return tryRead(d, 1) > 0 ? d.take() : null;
    }

    final void checkLength(final int length)
    {
        if (length < 0)
        {
            throw new IllegalArgumentException(describe() + ": negative message length " + length);
        }
        if (length > maxMessageLength)
        {
            throw new IllegalArgumentException(describe() + ": a message of " + length +
                " bytes exceeds the largest message of " + maxMessageLength + " bytes declared at creation");
        }
    }

    /**
     * Decodes the message it is handed; one per thread.
     */
    static final class Decoder<T> implements MessageHandler
    {
        private final Codec<T> codec;
        private T value;

        Decoder(final Codec<T> codec)
        {
            this.codec = codec;
        }

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length)
        {
            value = codec.decode(buffer, offset, length);
        }

        T take()
        {
            final T result = value;
            value = null;
            return result;
        }
    }
}
