package io.mmipc.aeron;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.mmipc.EndOfStreamException;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

import static io.mmipc.aeron.FrameDescriptor.CLOSE;
import static io.mmipc.aeron.FrameDescriptor.DATA;
import static io.mmipc.aeron.FrameDescriptor.FLAG_FIRST;
import static io.mmipc.aeron.FrameDescriptor.FLAG_LAST;
import static io.mmipc.aeron.FrameDescriptor.MAX_CHUNK;
import static io.mmipc.aeron.FrameDescriptor.READY;
import static io.mmipc.aeron.FrameDescriptor.SEALED_FLAGS_OFFSET;
import static io.mmipc.aeron.FrameDescriptor.SEALED_HEADER_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.TYPE_OFFSET;

/**
 * One authenticated conversation between a remote end and an object's home: the publication
 * toward the peer, the two {@link Seal}s, the handshake's state, and the reassembly of chunked
 * messages. The poller (under its endpoint's lock) changes the state; senders read it.
 */
final class NetSession
{
    enum State
    {
        /** HELLO or CHALLENGE sent, keys not yet agreed. */
        HANDSHAKE,
        /** Home: keys agreed, READY not yet offered. Remote: RESPONSE sent, waiting for READY. */
        KEYED,
        READY,
        REFUSED,
        /** The peer closed its end (CLOSE frame). */
        CLOSED,
        /** The peer's image went away, its publication lost its receiver, or a frame failed authentication. */
        DEAD
    }

    final ExclusivePublication out;
    final String peer;
    final long peerTimeoutNs;
    volatile State state = State.HANDSHAKE;
    volatile String reason;
    /** Set once the session was READY: its end after that is end-of-stream, not a failed connection. */
    volatile boolean wasReady;
    /** Set when the peer broke the protocol (a forged frame, a bad chunk): its frames are refused from then on. */
    volatile boolean untrusted;
    /** When a frame from the peer was last seen (read or left for a reader): the peer's sign of life. */
    volatile long lastInboundNs = System.nanoTime();
    /** The Aeron session id of the frames this session accepts; -1 until the remote side learns it. */
    int inSessionId;
    byte[] transcript;
    byte[] helloCodec;
    int helloEnd;
    long deadlineNs;
    private Seal sendSeal;
    private Seal recvSeal;
    private byte[] pending;
    private int pendingLength;
    private State afterPending;

    private final ReentrantLock sendLock = new ReentrantLock();
    private final byte[] frame = new byte[Seal.frameCapacity(MAX_CHUNK)];
    private final UnsafeBuffer frameBuffer = new UnsafeBuffer(frame);
    private final ExpandableArrayBuffer message = new ExpandableArrayBuffer(1024);
    private final int maxMessageLength;
    private int messageLength;
    private boolean inMessage;

    NetSession(final ExclusivePublication out, final String peer, final int inSessionId, final long peerTimeoutNs,
        final int maxMessageLength)
    {
        this.out = out;
        this.peer = peer;
        this.inSessionId = inSessionId;
        this.peerTimeoutNs = peerTimeoutNs;
        this.maxMessageLength = maxMessageLength;
    }

    void keys(final byte[] sendKey, final byte[] receiveKey)
    {
        sendSeal = new Seal(sendKey);
        recvSeal = new Seal(receiveKey);
    }

    boolean isKeyed()
    {
        return recvSeal != null;
    }

    boolean isLive()
    {
        final State s = state;
        return s == State.READY || s == State.KEYED;
    }

    // ---- control frames: offered by the poller until the publication takes them

    void pending(final byte[] bytes, final int length, final State next)
    {
        pending = bytes;
        pendingLength = length;
        afterPending = next;
    }

    /**
     * Seals a READY (or refusal) and queues it.
     */
    void pendingReady(final boolean accepted, final String why)
    {
        final byte[] text = why.getBytes(StandardCharsets.UTF_8);
        final int length = Math.min(text.length, 200);
        final byte[] ready = new byte[Seal.frameCapacity(1 + length)];
        ready[TYPE_OFFSET] = READY;
        ready[SEALED_HEADER_LENGTH] = (byte)(accepted ? 0 : 1);
        System.arraycopy(text, 0, ready, SEALED_HEADER_LENGTH + 1, length);
        final int sealed;
        sendLock.lock();
        try
        {
            sealed = sendSeal.seal(ready, SEALED_HEADER_LENGTH + 1 + length);
        }
        finally
        {
            sendLock.unlock();
        }
        pending(ready, sealed, accepted ? State.READY : state == State.DEAD ? State.DEAD : State.REFUSED);
        if (!accepted)
        {
            reason = why;
        }
    }

    /**
     * @return 1 when a pending control frame went out.
     */
    int offerPending()
    {
        if (pending == null)
        {
            return 0;
        }
        final long result = out.offer(new UnsafeBuffer(pending), 0, pendingLength);
        if (result > 0)
        {
            pending = null;
            if (afterPending != null)
            {
                state = afterPending;
                wasReady |= afterPending == State.READY;
            }
            return 1;
        }
        return 0;
    }

    // ---- receiving (the poller)

    /**
     * Authenticates a sealed frame held in {@code bytes}.
     *
     * @return false when it is forged, replayed or damaged: the session is then dead.
     */
    boolean open(final byte[] bytes, final int length)
    {
        if (recvSeal == null || !recvSeal.open(bytes, length))
        {
            violated("a frame from " + peer + " failed authentication (forged, replayed or damaged)");
            return false;
        }
        return true;
    }

    /**
     * Adds a DATA chunk (authenticated) to the message being reassembled.
     *
     * @return the message's length when the chunk was its last, else -1.
     */
    int addChunk(final byte[] bytes, final int length)
    {
        final byte flags = bytes[SEALED_FLAGS_OFFSET];
        final int payload = Seal.payloadLength(length);
        if ((flags & FLAG_FIRST) != 0)
        {
            messageLength = 0;
            inMessage = true;
        }
        else if (!inMessage)
        {
            violated("a chunk from " + peer + " continues no message");
            return -1;
        }
        if ((long)messageLength + payload > maxMessageLength)
        {
            violated("a message from " + peer + " exceeds the largest message, " + maxMessageLength + " bytes");
            return -1;
        }
        message.putBytes(messageLength, bytes, SEALED_HEADER_LENGTH, payload);
        messageLength += payload;
        if ((flags & FLAG_LAST) != 0)
        {
            inMessage = false;
            return messageLength;
        }
        return -1;
    }

    DirectBuffer message()
    {
        return message;
    }

    /**
     * Ends the session because the peer broke the protocol: nothing more from it is accepted.
     */
    void violated(final String why)
    {
        untrusted = true;
        die(why);
    }

    /**
     * Ends the session; authentic frames still in the log from before its end are still read.
     */
    void die(final String why)
    {
        if (state != State.DEAD)
        {
            reason = why;
            state = State.DEAD;
        }
    }

    // ---- sending (user threads)

    /**
     * Sends a message in chunks of at most {@link FrameDescriptor#MAX_CHUNK} bytes. The first chunk
     * waits for room until {@code deadlineNs}; once it is out, the rest must follow within the
     * peer timeout or the session is dead (its receiver cannot take the message).
     *
     * @return false when the first chunk found no room before the deadline.
     * @throws EndOfStreamException when the session is no longer live.
     */
    boolean send(final DirectBuffer src, final int offset, final int length, final long deadlineNs,
        final IdleStrategy idle) throws InterruptedException
    {
        sendLock.lockInterruptibly();
        try
        {
            int position = 0;
            do
            {
                final int chunk = Math.min(MAX_CHUNK, length - position);
                final boolean first = position == 0;
                // Room first, then seal: a sealed frame always goes out, so sequence numbers never go back.
                if (!awaitRoom(SEALED_HEADER_LENGTH + chunk + FrameDescriptor.MAC_LENGTH,
                    first ? deadlineNs : System.nanoTime() + peerTimeoutNs, idle, first))
                {
                    if (first)
                    {
                        return false;
                    }
                    die("the peer " + peer + " took no more of a " + length + "-byte message within the peer timeout");
                    throw new EndOfStreamException(reason);
                }
                frame[TYPE_OFFSET] = DATA;
                frame[SEALED_FLAGS_OFFSET] = (byte)((first ? FLAG_FIRST : 0) |
                    (position + chunk == length ? FLAG_LAST : 0));
                src.getBytes(offset + position, frame, SEALED_HEADER_LENGTH, chunk);
                offerSealed(sendSeal.seal(frame, SEALED_HEADER_LENGTH + chunk));
                position += chunk;
            }
            while (position < length);
            return true;
        }
        finally
        {
            sendLock.unlock();
        }
    }

    /**
     * Waits until the publication can take a frame of {@code frameLength} bytes without back-pressure.
     *
     * @return false at the deadline.
     * @throws EndOfStreamException when the session ended meanwhile.
     */
    private boolean awaitRoom(final int frameLength, final long deadlineNs, final IdleStrategy idle,
        final boolean first) throws InterruptedException
    {
        // Aeron adds a header to each MTU-sized fragment; count one per started 1 KiB to be safe.
        final long needed = frameLength + (long)(frameLength / 1024 + 1) * 64;
        idle.reset();
        while (true)
        {
            if (!isLive())
            {
                throw new EndOfStreamException("the peer " + peer + " is gone: " + (reason != null ? reason : state));
            }
            if (out.isClosed())
            {
                die("the publication to " + peer + " is closed");
                continue;
            }
            if (out.isConnected() && out.availableWindow() >= needed)
            {
                return true;
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                return false;
            }
            if (Thread.interrupted())
            {
                if (!first)
                {
                    die("interrupted in the middle of a message to " + peer);
                }
                throw new InterruptedException();
            }
            idle.idle();
        }
    }

    /**
     * Offers a sealed frame until the publication takes it: it has room ({@link #awaitRoom}), so only a
     * term rotation or a lost connection delays it; past the peer timeout the session is dead.
     */
    private void offerSealed(final int frameLength)
    {
        final long deadlineNs = System.nanoTime() + peerTimeoutNs;
        long result;
        while ((result = out.offer(frameBuffer, 0, frameLength)) < 0)
        {
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED ||
                System.nanoTime() - deadlineNs >= 0)
            {
                die("the publication to " + peer + " did not take a frame (" + Publication.errorString(result) + ")");
                throw new EndOfStreamException(reason);
            }
            Thread.yield();
        }
    }

    /**
     * Tells the peer this side closed, if the publication takes it now, and closes the publication
     * (Aeron lingers to deliver what is in flight).
     */
    void close(final boolean sendClose)
    {
        if (sendClose && sendSeal != null && state == State.READY && sendLock.tryLock())
        {
            try
            {
                frame[TYPE_OFFSET] = CLOSE;
                frame[SEALED_FLAGS_OFFSET] = 0;
                final int frameLength = sendSeal.seal(frame, SEALED_HEADER_LENGTH);
                final long deadline = System.nanoTime() + Math.min(peerTimeoutNs, 1_000_000_000L);
                while (out.offer(frameBuffer, 0, frameLength) < 0 && System.nanoTime() - deadline < 0)
                {
                    Thread.onSpinWait();
                }
            }
            finally
            {
                sendLock.unlock();
            }
        }
        state = state == State.READY ? State.CLOSED : state;
        out.close();
    }

    @Override
    public String toString()
    {
        return "session with " + peer + " (" + state + ")";
    }
}
