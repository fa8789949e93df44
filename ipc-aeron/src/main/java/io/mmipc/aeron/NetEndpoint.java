package io.mmipc.aeron;

import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler.Action;
import io.aeron.ControlledFragmentAssembler;
import io.aeron.logbuffer.Header;
import io.mmipc.MessageHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import static io.mmipc.aeron.FrameDescriptor.BODY_OFFSET;
import static io.mmipc.aeron.FrameDescriptor.CHALLENGE;
import static io.mmipc.aeron.FrameDescriptor.CLOSE;
import static io.mmipc.aeron.FrameDescriptor.DATA;
import static io.mmipc.aeron.FrameDescriptor.HELLO;
import static io.mmipc.aeron.FrameDescriptor.MAX_CHUNK;
import static io.mmipc.aeron.FrameDescriptor.READY;
import static io.mmipc.aeron.FrameDescriptor.RESPONSE;
import static io.mmipc.aeron.FrameDescriptor.SEALED_HEADER_LENGTH;

/**
 * One object's presence on one node: a subscription and the sessions heard on it. On the
 * object's home node it accepts sessions (HELLO, CHALLENGE, RESPONSE, READY); elsewhere it makes
 * one ({@link #connect}). Polling is under one lock: a user thread polls to receive a message,
 * and the node's agent polls, with {@code tryLock}, to move handshakes and liveness on while
 * nobody receives; the agent stops at the first DATA frame and leaves it for the user.
 */
final class NetEndpoint implements AeronNode.Duty, AutoCloseable
{
    /** Handshakes in progress at once on one home endpoint; further HELLOs wait for Aeron to repeat nothing: dropped. */
    static final int MAX_HANDSHAKES = 16;
    private static final int FRAGMENT_LIMIT = 256;

    final AeronNode node;
    final boolean home;
    final String name;
    final byte kind;
    final String codecId;
    final int end;
    final int maxSessions;
    final int maxMessageLength;
    private final int inStream;
    private final int outStream;
    private final Subscription subscription;
    private final ReentrantLock pollLock = new ReentrantLock();
    private final ControlledFragmentAssembler assembler = new ControlledFragmentAssembler(this::onFragment);
    private final SessionTable sessions = new SessionTable();
    private final byte[] scratch = new byte[Seal.frameCapacity(MAX_CHUNK)];
    private final UnsafeBuffer scratchBuffer = new UnsafeBuffer(scratch);
    private final AtomicLong refusedFrames = new AtomicLong();
    /** User threads inside {@link NetChannel#await}: they poll, so the agent keeps off the lock meanwhile. */
    private final AtomicInteger awaiting = new AtomicInteger();
    private final HomeHandshake homeSide;
    private final RemoteHandshake remoteSide;
    private volatile NetSession connection;
    private volatile DataSink sink;
    /** Run when the agent finds a message left for a receiver that is not polling ({@link io.mmipc.internal.spi.ArrivalSignal}). */
    private volatile Runnable arrival;
    private volatile String lastEnd;
    private volatile boolean everReady;
    private volatile boolean closed;

    private final BatchInbox batchInbox = new BatchInbox();
    /** A session's batch was open at the agent's last round (the agent's own field). */
    private boolean lingering;
    private boolean deliver;
    private boolean delivered;
    private DirectBuffer deliveredBuffer;
    private int deliveredOffset;
    private int deliveredLength;

    /** Takes DATA from any poll, the agent's too, instead of leaving it for a user (a dispatcher's credits). */
    interface DataSink
    {
        void onData(NetSession session, DirectBuffer buffer, int offset, int length);
    }

    NetEndpoint(final AeronNode node, final boolean home, final String name, final byte kind, final String codecId,
        final int end, final int maxSessions, final int maxMessageLength)
    {
        this.node = node;
        this.home = home;
        this.name = name;
        this.kind = kind;
        this.codecId = codecId;
        this.end = end;
        this.maxSessions = maxSessions;
        this.maxMessageLength = maxMessageLength;
        this.inStream = StreamIds.in(kind, name);
        this.outStream = StreamIds.out(kind, name);
        this.subscription = home ? node.subscribe(node.options().port(), inStream) :
            node.subscribe(node.options().port(), outStream);
        this.homeSide = new HomeHandshake(this, subscription, sessions, refusedFrames, outStream, this::drop);
        this.remoteSide = new RemoteHandshake(this, inStream, refusedFrames);
        node.addDuty(this);
    }

    // ---- receiving

    /**
     * Polls once; hands at most one message to {@code handler} (after the poll, from this
     * endpoint's own buffers).
     *
     * @return true when a message was handed over.
     */
    boolean receive(final MessageHandler handler)
    {
        pollLock.lock();
        return receiveLocked(handler);
    }

    /**
     * {@link #receive} for a waiting thread: when another thread polls at this moment it does not
     * block on the lock (a parked thread waits for the scheduler to wake it, tens of microseconds on
     * a busy machine) but answers false, and the caller idles and tries again.
     */
    boolean tryReceive(final MessageHandler handler)
    {
        return pollLock.tryLock() && receiveLocked(handler);
    }

    /**
     * Marks a user thread entering ({@code +1}) or leaving ({@code -1}) a wait on this endpoint.
     */
    void awaiting(final int delta)
    {
        awaiting.addAndGet(delta);
    }

    private boolean receiveLocked(final MessageHandler handler)
    {
        try
        {
            if (closed)
            {
                throw new IllegalStateException(this + " is closed");
            }
            if (batchInbox.deliverNext(handler))
            {
                return true;
            }
            deliver = true;
            delivered = false;
            try
            {
                subscription.controlledPoll(assembler, FRAGMENT_LIMIT);
            }
            finally
            {
                deliver = false;
            }
            housekeeping(System.nanoTime());
            if (delivered)
            {
                delivered = false;
                handler.onMessage(deliveredBuffer, deliveredOffset, deliveredLength);
                return true;
            }
            return false;
        }
        finally
        {
            pollLock.unlock();
        }
    }

    @Override
    public int doDuty(final long nowNs)
    {
        final NetSession remote = connection;
        lingering = (home ? sessions.flushLingering(nowNs) : remote != null ? remote.flushIfLingering(nowNs) : 0) != 0;
        if (awaiting.get() > 0 || !pollLock.tryLock())
        {
            return 0;
        }
        try
        {
            if (closed)
            {
                return 0;
            }
            return subscription.controlledPoll(assembler, FRAGMENT_LIMIT) + housekeeping(nowNs);
        }
        finally
        {
            pollLock.unlock();
        }
    }

    @Override
    public boolean lingering()
    {
        return lingering;
    }

    @Override
    public void flush()
    {
        for (final NetSession session : sessions.snapshot())
        {
            session.flushNow();
        }
        final NetSession remote = connection;
        if (remote != null)
        {
            remote.flushNow();
        }
    }

    private Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length < BODY_OFFSET)
        {
            refusedFrames.incrementAndGet();
            return Action.CONTINUE;
        }
        final byte type = buffer.getByte(offset);
        final int sessionId = header.sessionId();
        switch (type)
        {
            case HELLO -> homeSide.onHello(sessionId, buffer, offset, length);
            case CHALLENGE ->
            {
                final NetSession session = connection;
                if (home || session == null || session.isKeyed())
                {
                    refusedFrames.incrementAndGet();
                }
                else
                {
                    remoteSide.onChallenge(session, sessionId, buffer, offset, length);
                }
            }
            case RESPONSE -> homeSide.onResponse(sessionId, buffer, offset, length);
            case READY, DATA, CLOSE ->
            {
                return onSealed(type, sessionId, buffer, offset, length);
            }
            default -> refusedFrames.incrementAndGet();
        }
        return Action.CONTINUE;
    }

    private Action onSealed(final byte type, final int sessionId, final DirectBuffer buffer, final int offset,
        final int length)
    {
        final NetSession session = home ? sessions.get(sessionId) :
            connection != null && connection.inSessionId == sessionId ? connection : null;
        if (session == null || !session.isKeyed() || session.untrusted || length > scratch.length)
        {
            refusedFrames.incrementAndGet();
            return Action.CONTINUE;
        }
        session.lastInboundNs = System.nanoTime();
        final DataSink dataSink = sink;
        if (type == DATA && dataSink == null && (!deliver || delivered))
        {
            final Runnable signal = arrival;
            if (!deliver && signal != null)
            {
                signal.run(); // the agent's poll: tell a receiver that sleeps elsewhere
            }
            return Action.ABORT; // left in the log for the user's next receive, in order
        }
        buffer.getBytes(offset, scratch, 0, length);
        if (!session.open(scratch, length))
        {
            refusedFrames.incrementAndGet();
            if (home && session.isKeyed())
            {
                // Tell the sender, so it stops sending into a session the home no longer trusts.
                session.pendingReady(false, session.reason);
            }
            return Action.CONTINUE;
        }
        if (type == READY)
        {
            if (home || length < FrameDescriptor.SEALED_OVERHEAD + 1)
            {
                session.violated("unexpected READY from " + session.peer);
                return Action.CONTINUE;
            }
            final int reasonLength = Seal.payloadLength(length) - 1;
            final String reason = new String(scratch, SEALED_HEADER_LENGTH + 1, reasonLength, StandardCharsets.UTF_8);
            final boolean accepted = scratch[SEALED_HEADER_LENGTH] == 0;
            if (session.state == NetSession.State.KEYED)
            {
                session.reason = reason;
                session.state = accepted ? NetSession.State.READY : NetSession.State.REFUSED;
                session.wasReady |= accepted;
                everReady |= accepted;
            }
            else
            {
                if (accepted)
                {
                    session.violated("unexpected READY from " + session.peer);
                }
                else
                {
                    session.die("the home " + session.peer + " ended the session: " + reason);
                }
            }
            return Action.CONTINUE;
        }
        if (type == CLOSE)
        {
            session.state = NetSession.State.CLOSED;
            return Action.CONTINUE;
        }
        if (dataSink != null)
        {
            final int whole = session.addChunk(scratch, length);
            if (whole >= 0)
            {
                dataSink.onData(session, session.message(), 0, whole);
            }
            return Action.CONTINUE;
        }
        final int flags = scratch[FrameDescriptor.SEALED_FLAGS_OFFSET];
        if ((flags & FrameDescriptor.FLAG_BATCH) != 0)
        {
            return onBatch(session, length);
        }
        if ((flags & (FrameDescriptor.FLAG_FIRST | FrameDescriptor.FLAG_LAST)) ==
            (FrameDescriptor.FLAG_FIRST | FrameDescriptor.FLAG_LAST))
        {
            deliveredBuffer = scratchBuffer;
            deliveredOffset = SEALED_HEADER_LENGTH;
            deliveredLength = Seal.payloadLength(length);
            delivered = true;
            return Action.BREAK;
        }
        final int whole = session.addChunk(scratch, length);
        if (whole >= 0)
        {
            deliveredBuffer = session.message();
            deliveredOffset = 0;
            deliveredLength = whole;
            delivered = true;
            return Action.BREAK;
        }
        return Action.CONTINUE;
    }

    /**
     * An authenticated batch frame in {@link #scratch}: every record is checked before any is
     * handed on; a receiver gets the first now and the rest from the {@link BatchInbox}.
     */
    private Action onBatch(final NetSession session, final int length)
    {
        final int end = length - FrameDescriptor.MAC_LENGTH;
        final int start = SEALED_HEADER_LENGTH;
        if (end - start > FrameDescriptor.BATCH_PAYLOAD || session.inChunkedMessage() ||
            Batch.count(scratchBuffer, start, end, maxMessageLength) < 0)
        {
            session.violated("a batch from " + session.peer + " of " + (end - start) + " bytes does not parse " +
                "as whole messages of at most " + maxMessageLength + " bytes");
            refusedFrames.incrementAndGet();
            return Action.CONTINUE;
        }
        final DataSink dataSink = sink;
        if (dataSink != null)
        {
            BatchInbox.sinkAll(dataSink, session, scratchBuffer, start, end);
            return Action.CONTINUE;
        }
        deliveredLength = batchInbox.keepAfterFirst(scratchBuffer, start, end);
        deliveredBuffer = scratchBuffer;
        deliveredOffset = start + FrameDescriptor.RECORD_HEADER_LENGTH;
        delivered = true;
        return Action.BREAK;
    }

    // ---- the remote side of the handshake

    /**
     * Starts a session with the object's home (the poller finishes it); a live one is kept.
     */
    void connect()
    {
        pollLock.lock();
        try
        {
            final NetSession current = connection;
            if (current != null && (current.isLive() || current.state == NetSession.State.HANDSHAKE))
            {
                return;
            }
            if (current != null)
            {
                current.close(false);
            }
            final String endpoint = subscription.resolvedEndpoint();
            if (endpoint == null)
            {
                return; // not bound yet: the next call tries again
            }
            connection = remoteSide.start(Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1)));
        }
        finally
        {
            pollLock.unlock();
        }
    }

    // ---- liveness

    private int housekeeping(final long nowNs)
    {
        int work = 0;
        if (home)
        {
            for (final NetSession session : sessions.snapshot())
            {
                work += session.offerPending();
                everReady |= session.wasReady;
                final boolean over = session.checkLiveness(subscription, home, nowNs);
                if (session.wasReady && !session.isLive())
                {
                    lastEnd = session.peer + ": " + (session.reason != null ? session.reason : "closed its end");
                }
                if (over)
                {
                    drop(session.inSessionId, session);
                    work++;
                }
            }
        }
        else
        {
            final NetSession session = connection;
            if (session != null)
            {
                work += session.offerPending();
                session.checkLiveness(subscription, home, nowNs);
            }
        }
        return work;
    }

    private void drop(final int sessionId, final NetSession session)
    {
        sessions.remove(sessionId);
        if (session != null)
        {
            lastEnd = session.peer + ": " + (session.reason != null ? session.reason : session.state);
            everReady |= session.wasReady;
            session.close(false);
        }
    }

    // ---- what objects ask

    void sink(final DataSink value)
    {
        sink = value;
    }

    void arrival(final Runnable signal)
    {
        arrival = signal;
    }

    /**
     * @return a home's sessions that are READY now.
     */
    List<NetSession> liveSessions()
    {
        pollLock.lock();
        try
        {
            return sessions.ready();
        }
        finally
        {
            pollLock.unlock();
        }
    }

    /**
     * @return the remote side's session, or a home's one live session (a pipe's other end), or null.
     */
    NetSession liveSession()
    {
        if (!home)
        {
            final NetSession session = connection;
            return session != null && session.state == NetSession.State.READY ? session : null;
        }
        pollLock.lock();
        try
        {
            return sessions.firstReady();
        }
        finally
        {
            pollLock.unlock();
        }
    }

    /**
     * @return true once a peer was connected and none is now: the stream has ended.
     */
    boolean peerGone()
    {
        if (!home)
        {
            final NetSession session = connection;
            return everReady && session != null && (session.state == NetSession.State.CLOSED ||
                session.state == NetSession.State.DEAD);
        }
        pollLock.lock();
        try
        {
            everReady |= sessions.anyWasReady();
            return everReady && sessions.firstReady() == null;
        }
        finally
        {
            pollLock.unlock();
        }
    }

    /**
     * @return the remote side's session as it stands (to report a refusal), or null.
     */
    NetSession connection()
    {
        return connection;
    }

    /**
     * @return how the last session ended, for end-of-stream messages.
     */
    String lastEnd()
    {
        final NetSession session = connection;
        return session != null && session.reason != null ? session.reason : lastEnd != null ? lastEnd : "closed";
    }

    long refusedFrames()
    {
        return refusedFrames.get();
    }

    boolean isClosed()
    {
        return closed;
    }

    @Override
    public void close()
    {
        node.removeDuty(this);
        pollLock.lock();
        try
        {
            if (closed)
            {
                return;
            }
            closed = true;
            for (final NetSession session : sessions.all())
            {
                session.close(true);
            }
            sessions.clear();
            final NetSession session = connection;
            if (session != null)
            {
                session.close(true);
            }
            subscription.close();
        }
        finally
        {
            pollLock.unlock();
        }
    }

    @Override
    public String toString()
    {
        return (kind == StreamIds.PIPE ? "pipe " : kind == StreamIds.QUEUE ? "queue " : "queue dispatcher ") + name + (home ? " (home)" : " (remote end of " +
            node.homeHost() + ":" + node.homePort() + ")");
    }
}
