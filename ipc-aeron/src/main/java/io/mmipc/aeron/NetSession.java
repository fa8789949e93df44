package io.mmipc.aeron;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.mmipc.EndOfStreamException;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import static io.mmipc.aeron.FrameDescriptor.BATCH_PAYLOAD;
import static io.mmipc.aeron.FrameDescriptor.CLOSE;
import static io.mmipc.aeron.FrameDescriptor.DATA;
import static io.mmipc.aeron.FrameDescriptor.FLAG_BATCH;
import static io.mmipc.aeron.FrameDescriptor.FLAG_FIRST;
import static io.mmipc.aeron.FrameDescriptor.FLAG_LAST;
import static io.mmipc.aeron.FrameDescriptor.MAC_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.MAX_BATCHED;
import static io.mmipc.aeron.FrameDescriptor.SEND_CHUNK;
import static io.mmipc.aeron.FrameDescriptor.RECORD_HEADER_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.READY;
import static io.mmipc.aeron.FrameDescriptor.SEALED_FLAGS_OFFSET;
import static io.mmipc.aeron.FrameDescriptor.SEALED_HEADER_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.TYPE_OFFSET;

/**
 * One authenticated conversation between a remote end and an object's home: the publication
 * toward the peer, the two {@link Seal}s, the handshake's state, and the reassembly of chunked
 * messages. The poller (under its endpoint's lock) changes the state; senders read it.
 * <p>
 * <b>Batches.</b> Sealing a frame costs more than half a microsecond whatever the message, so a stream
 * of small messages sealed one by one is bound by the seal, not the network. A small message sent within the
 * batch linger of the previous send ends (a stream) opens a batch frame or joins the open one
 * ({@link Batch}); the frame goes when it is full, when a send comes after a pause, when a larger
 * message or a close must follow it, or when the node's agent finds it open for longer than the
 * linger ({@link #flushIfLingering}). A message after a pause (a request, a reply) goes at once in
 * a frame of its own, so batching never delays a lone message.
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
    private final byte[] frame = new byte[Seal.frameCapacity(SEND_CHUNK)];
    private final UnsafeBuffer frameBuffer = new UnsafeBuffer(frame);
    private final ExpandableArrayBuffer message = new ExpandableArrayBuffer(1024);
    private final int maxMessageLength;
    private final long lingerNs;
    /** Where the open batch's records end in {@link #frame}; -1 when no batch is open. Under the send lock. */
    private int batchEnd = -1;
    /** A batch is open: the agent's hint, written under the send lock, read without it. */
    private volatile boolean batchOpen;
    private long batchOpenedNs;
    /** When the last send returned: a send within the linger of it is part of a stream. */
    private long lastSendNs = Long.MIN_VALUE / 2;
    private long batchedMessages;
    private int messageLength;
    private boolean inMessage;

    NetSession(final ExclusivePublication out, final String peer, final int inSessionId, final long peerTimeoutNs,
        final int maxMessageLength, final long lingerNs)
    {
        this.lingerNs = lingerNs;
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
     * @return true between the first and the last chunk of a message (a batch cannot come there).
     */
    boolean inChunkedMessage()
    {
        return inMessage;
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

    /**
     * The endpoint's housekeeping: ends this session when its handshake found no answer within the
     * peer timeout, its incoming stream went away, or its peer stopped receiving and went silent.
     *
     * @param subscription the endpoint's, where this session's incoming image lives.
     * @param home         true on the object's home node.
     * @return true when a home session is over and can be dropped.
     */
    boolean checkLiveness(final Subscription subscription, final boolean home, final long nowNs)
    {
        final State state = this.state;
        if (state == State.HANDSHAKE || state == State.KEYED && !home)
        {
            if (nowNs - deadlineNs >= 0)
            {
                die("no answer from " + peer + " within the peer timeout (is the object there, " +
                    "and the secret the same?)");
                return true;
            }
            return false;
        }
        if (state == State.READY || state == State.KEYED)
        {
            if (inSessionId >= 0 && subscription.imageBySessionId(inSessionId) == null)
            {
                die("the stream from " + peer + " went away (closed, or silent past the peer timeout)");
            }
            else if (state == State.READY && !out.isConnected() &&
                nowNs - lastInboundNs - peerTimeoutNs >= 0)
            {
                // Our stream to a closing node disconnects before what it sent last arrives: only
                // silence from it for the peer timeout as well means it is gone.
                die(peer + " stopped receiving and sent nothing for the peer timeout");
            }
            return false;
        }
        // A home drops a closed or dead session once its image is gone too, so a new one can take its place.
        return home && subscription.imageBySessionId(inSessionId) == null;
    }

    // ---- sending (user threads)

    /**
     * Sends a message in chunks of at most {@link FrameDescriptor#SEND_CHUNK} bytes. The first chunk
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
            if (lingerNs > 0 && length <= MAX_BATCHED)
            {
                final int sent = sendBatched(src, offset, length, deadlineNs, idle);
                if (sent >= 0)
                {
                    lastSendNs = System.nanoTime();
                    return sent > 0;
                }
            }
            else if (batchEnd >= 0)
            {
                flushBatch();
            }
            int position = 0;
            do
            {
                final int chunk = Math.min(SEND_CHUNK, length - position);
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
            lastSendNs = System.nanoTime();
            return true;
        }
        finally
        {
            sendLock.unlock();
        }
    }

    /**
     * A small message: into the open batch, or a new one when this send is part of a stream.
     *
     * @return 1 when it is in a batch (gone, or going within the linger), 0 when no room came
     *         before the deadline, -1 when it goes in a frame of its own (it came after a pause).
     */
    private int sendBatched(final DirectBuffer src, final int offset, final int length, final long deadlineNs,
        final IdleStrategy idle) throws InterruptedException
    {
        if (!isLive())
        {
            dropBatch(); // nobody will read it
            throw new EndOfStreamException("the peer " + peer + " is gone: " + (reason != null ? reason : state));
        }
        final long now = System.nanoTime();
        final boolean stream = now - lastSendNs < lingerNs;
        if (batchEnd >= 0 && batchEnd + RECORD_HEADER_LENGTH + length > SEALED_HEADER_LENGTH + BATCH_PAYLOAD)
        {
            flushBatch();
        }
        if (batchEnd < 0)
        {
            if (!stream)
            {
                return -1;
            }
            if (!awaitRoom(SEALED_HEADER_LENGTH + BATCH_PAYLOAD + MAC_LENGTH, deadlineNs, idle, true))
            {
                return 0;
            }
            frame[TYPE_OFFSET] = DATA;
            frame[SEALED_FLAGS_OFFSET] = FLAG_FIRST | FLAG_LAST | FLAG_BATCH;
            batchEnd = SEALED_HEADER_LENGTH;
            batchOpenedNs = now;
            batchOpen = true;
        }
        batchEnd = Batch.append(frameBuffer, batchEnd, src, offset, length);
        batchedMessages++;
        if (!stream || now - batchOpenedNs >= lingerNs)
        {
            flushBatch();
        }
        return 1;
    }

    /**
     * Seals and sends the open batch (its room was there when it opened, and only this session's
     * sender offers to the publication since). Under the send lock.
     */
    private void flushBatch()
    {
        final int end = batchEnd;
        dropBatch();
        offerSealed(sendSeal.seal(frame, end));
    }

    private void dropBatch()
    {
        batchEnd = -1;
        batchOpen = false;
    }

    /**
     * The node's agent: sends a batch that has waited for more messages for the linger.
     *
     * @return 1 while a batch is open (the agent keeps coming back), else 0.
     */
    int flushIfLingering(final long nowNs)
    {
        if (!batchOpen || !sendLock.tryLock())
        {
            return batchOpen ? 1 : 0;
        }
        try
        {
            if (batchEnd >= 0 && nowNs - batchOpenedNs >= lingerNs)
            {
                if (isLive())
                {
                    if (out.isConnected())
                    {
                        flushBatch(); // it has room (taken at open): the offer does not wait
                    }
                }
                else
                {
                    dropBatch(); // its peer is gone: nobody would read it
                }
            }
            return batchOpen ? 1 : 0;
        }
        catch (final EndOfStreamException ex)
        {
            return 0; // the session died (reason set): its users see that on their next call
        }
        finally
        {
            sendLock.unlock();
        }
    }

    /**
     * @return how many messages went in batch frames (tests).
     */
    long batchedMessages()
    {
        return batchedMessages;
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
        if (sendClose && sendSeal != null && state == State.READY && lockToClose())
        {
            try
            {
                if (batchEnd >= 0)
                {
                    flushBatchBeforeClose();
                }
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

    /**
     * The send lock for a close: waited for briefly, since the agent takes it every linger to check
     * an open batch, and a close that missed it would leave that batch unsent.
     */
    private boolean lockToClose()
    {
        try
        {
            return sendLock.tryLock(1, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return sendLock.tryLock();
        }
    }

    /**
     * Sends the open batch now, if the session is live: its node closes.
     */
    void flushNow()
    {
        if (batchOpen && lockToClose())
        {
            try
            {
                if (batchEnd >= 0 && isLive())
                {
                    flushBatchBeforeClose();
                }
            }
            finally
            {
                sendLock.unlock();
            }
        }
    }

    private void flushBatchBeforeClose()
    {
        try
        {
            flushBatch();
        }
        catch (final EndOfStreamException ex)
        {
            // gone: the close below finds the session dead as well
        }
    }

    @Override
    public String toString()
    {
        return "session with " + peer + " (" + state + ")";
    }
}
