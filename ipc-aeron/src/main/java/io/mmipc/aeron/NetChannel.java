package io.mmipc.aeron;

import io.mmipc.EndOfStreamException;
import io.mmipc.MessageHandler;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * The waiting around an {@link NetEndpoint}, one algorithm for pipes and queues: send once a
 * session is up (connecting first on a remote node), receive with a deadline, hold one message
 * for {@code poll()}-style peeks, and end-of-stream once the peer is gone and nothing is left.
 */
final class NetChannel implements AutoCloseable
{
    private final NetEndpoint endpoint;
    private final boolean endOfStream;
    private final ExpandableArrayBuffer held = new ExpandableArrayBuffer(256);
    private int heldLength = -1;

    /**
     * @param endOfStream true when a gone peer ends the stream (a pipe end, a one-to-one queue).
     */
    NetChannel(final NetEndpoint endpoint, final boolean endOfStream)
    {
        this.endpoint = endpoint;
        this.endOfStream = endOfStream;
    }

    NetEndpoint endpoint()
    {
        return endpoint;
    }

    // ---- sending

    /**
     * Sends {@code length} bytes, waiting until {@code deadlineNs} (a past deadline tries once)
     * for a connected peer and for room.
     *
     * @return false when no peer was connected, or no room was free, before the deadline.
     * @throws EndOfStreamException when the peer was connected and is gone (a pipe's reader closed or died).
     */
    boolean send(final DirectBuffer buffer, final int offset, final int length, final long deadlineNs,
        final IdleStrategy idle) throws InterruptedException
    {
        idle.reset();
        while (true)
        {
            final NetSession session = session(deadlineNs);
            if (session != null)
            {
                return session.send(buffer, offset, length, deadlineNs, idle);
            }
            if (endOfStream && endpoint.peerGone() && endpoint.home)
            {
                throw new EndOfStreamException(endpoint + ": the other end is closed or gone (" + endpoint.lastEnd() + ")");
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                return false;
            }
            if (Thread.interrupted())
            {
                throw new InterruptedException();
            }
            idle.idle();
        }
    }

    /**
     * @return the live session, starting one on a remote node; null while there is none.
     * @throws IllegalStateException when the home refused this node (wrong codec, end in use).
     */
    private NetSession session(final long deadlineNs)
    {
        final NetSession live = endpoint.liveSession();
        if (live != null || endpoint.home)
        {
            return live;
        }
        final NetSession current = endpoint.connection();
        if (current != null && current.state == NetSession.State.REFUSED)
        {
            throw new IllegalStateException(endpoint + " refused: " + current.reason);
        }
        if (current != null && current.state == NetSession.State.DEAD && endOfStream && endpoint.peerGone())
        {
            throw new EndOfStreamException(endpoint + ": " + current.reason);
        }
        endpoint.connect();
        return null;
    }

    /**
     * Connects a remote end and waits for the home's answer.
     *
     * @throws IllegalStateException when the home refused, or did not answer within the peer timeout.
     */
    void open(final IdleStrategy idle) throws InterruptedException
    {
        if (endpoint.home)
        {
            return;
        }
        final long deadline = System.nanoTime() + endpoint.node.peerTimeoutNs() * 2;
        idle.reset();
        while (session(deadline) == null)
        {
            final NetSession current = endpoint.connection();
            if (current != null && current.state == NetSession.State.DEAD && current.reason != null &&
                current.reason.startsWith("no answer"))
            {
                throw new IllegalStateException(endpoint + ": " + current.reason);
            }
            if (System.nanoTime() - deadline >= 0)
            {
                throw new IllegalStateException(endpoint + ": no answer from the home node within " +
                    (endpoint.node.peerTimeoutNs() * 2 / 1_000_000) + " ms");
            }
            if (Thread.interrupted())
            {
                throw new InterruptedException();
            }
            idle.idle();
        }
    }

    // ---- receiving

    /**
     * Hands one message to {@code handler} if one is there, without waiting.
     */
    boolean poll(final MessageHandler handler)
    {
        return poll(handler, false);
    }

    /**
     * @param waiting true inside {@link #await}: another thread polling the endpoint this moment
     *                makes this answer false instead of blocking on the endpoint's lock.
     */
    private boolean poll(final MessageHandler handler, final boolean waiting)
    {
        if (heldLength >= 0)
        {
            final int length = heldLength;
            heldLength = -1;
            handler.onMessage(held, 0, length);
            return true;
        }
        if (!endpoint.home && endpoint.connection() == null)
        {
            endpoint.connect();
        }
        return waiting ? endpoint.tryReceive(handler) : endpoint.receive(handler);
    }

    /**
     * Waits until {@code deadlineNs} ({@code Long.MAX_VALUE}-like far future for "forever") for a message.
     *
     * @return false at the deadline.
     * @throws EndOfStreamException when nothing is left and the peer is gone.
     */
    boolean await(final MessageHandler handler, final long deadlineNs, final IdleStrategy idle)
        throws InterruptedException
    {
        idle.reset();
        endpoint.awaiting(1);
        try
        {
            return awaitPolling(handler, deadlineNs, idle);
        }
        finally
        {
            endpoint.awaiting(-1);
        }
    }

    /**
     * The wait itself: this thread polls the endpoint (handshakes and liveness too), so the node's
     * agent leaves it alone meanwhile and never holds the lock this thread needs.
     */
    private boolean awaitPolling(final MessageHandler handler, final long deadlineNs, final IdleStrategy idle)
        throws InterruptedException
    {
        while (true)
        {
            if (poll(handler, true))
            {
                return true;
            }
            if (endOfStream && endpoint.peerGone())
            {
                if (poll(handler))
                {
                    return true;
                }
                throw new EndOfStreamException(endpoint + ": the other end is closed or gone (" + endpoint.lastEnd() + ")");
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                return false;
            }
            if (Thread.interrupted())
            {
                throw new InterruptedException();
            }
            idle.idle();
        }
    }

    /**
     * @return true when a message is held for the next receive, or the stream has ended.
     */
    boolean peek()
    {
        if (heldLength >= 0)
        {
            return true;
        }
        if (poll((buffer, offset, length) ->
        {
            held.putBytes(0, buffer, offset, length);
            heldLength = length;
        }))
        {
            return true;
        }
        return endOfStream && endpoint.peerGone();
    }

    boolean isHolding()
    {
        return heldLength >= 0;
    }

    @Override
    public void close()
    {
        endpoint.close();
    }
}
