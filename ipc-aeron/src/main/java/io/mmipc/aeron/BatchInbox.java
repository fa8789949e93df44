package io.mmipc.aeron;

import io.mmipc.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;

import static io.mmipc.aeron.FrameDescriptor.BATCH_PAYLOAD;
import static io.mmipc.aeron.FrameDescriptor.RECORD_HEADER_LENGTH;

/**
 * The receiving side of batch frames for one endpoint: a receiver gets one message per receive,
 * so the records after the first wait here, copied out of the scratch frame (which the next poll
 * overwrites), and go before anything else is polled. Under the endpoint's poll lock.
 */
final class BatchInbox
{
    private final UnsafeBuffer held = new UnsafeBuffer(new byte[BATCH_PAYLOAD]);
    private int position;
    private int end;

    /**
     * Hands the next held message to {@code handler}, if one is held.
     */
    boolean deliverNext(final MessageHandler handler)
    {
        if (position >= end)
        {
            return false;
        }
        final int length = Batch.length(held, position);
        final int offset = position + RECORD_HEADER_LENGTH;
        position = offset + length;
        handler.onMessage(held, offset, length);
        return true;
    }

    /**
     * Keeps the records of a checked batch ({@link Batch#count}) in {@code [start, end)} of
     * {@code frame} after the first, which the caller hands on now.
     *
     * @return the first record's length (its bytes start {@link FrameDescriptor#RECORD_HEADER_LENGTH} after {@code start}).
     */
    int keepAfterFirst(final UnsafeBuffer frame, final int start, final int end)
    {
        final int first = Batch.length(frame, start);
        final int rest = start + RECORD_HEADER_LENGTH + first;
        held.putBytes(0, frame, rest, end - rest);
        this.position = 0;
        this.end = end - rest;
        return first;
    }

    /**
     * Hands every record of a checked batch to a dispatcher's sink.
     */
    static void sinkAll(final NetEndpoint.DataSink sink, final NetSession session, final UnsafeBuffer frame,
        final int start, final int end)
    {
        int position = start;
        while (position < end)
        {
            final int length = Batch.length(frame, position);
            sink.onData(session, frame, position + RECORD_HEADER_LENGTH, length);
            position += RECORD_HEADER_LENGTH + length;
        }
    }
}
