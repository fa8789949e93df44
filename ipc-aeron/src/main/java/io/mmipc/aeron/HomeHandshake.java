package io.mmipc.aeron;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static io.mmipc.aeron.FrameDescriptor.BODY_OFFSET;
import static io.mmipc.aeron.FrameDescriptor.CHALLENGE_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.FULL_MAC_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.MAX_HELLO_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.RESPONSE_LENGTH;
import static io.mmipc.aeron.NetEndpoint.MAX_HANDSHAKES;

/**
 * The home's side of the handshake ({@link Handshake}) for one endpoint: a HELLO is answered with a
 * CHALLENGE at the address it came from, a RESPONSE that proves the secret keys the session and
 * queues its READY (or refusal). Used by the endpoint's poller, under its lock.
 */
final class HomeHandshake
{
    /** Ends a session whose proof failed: the endpoint's own drop. */
    interface Drop
    {
        void drop(int sessionId, NetSession session);
    }

    private final NetEndpoint endpoint;
    private final Subscription subscription;
    private final SessionTable sessions;
    private final AtomicLong refusedFrames;
    private final int outStream;
    private final Drop drop;

    HomeHandshake(final NetEndpoint endpoint, final Subscription subscription, final SessionTable sessions,
        final AtomicLong refusedFrames, final int outStream, final Drop drop)
    {
        this.endpoint = endpoint;
        this.subscription = subscription;
        this.sessions = sessions;
        this.refusedFrames = refusedFrames;
        this.outStream = outStream;
        this.drop = drop;
    }

    void onHello(final int sessionId, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!endpoint.home || sessions.contains(sessionId) || length > MAX_HELLO_LENGTH ||
            sessions.handshakes() >= MAX_HANDSHAKES)
        {
            refusedFrames.incrementAndGet();
            return;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        final Hello parsed = Hello.parse(bytes, length);
        if (parsed == null || parsed.kind != endpoint.kind || !parsed.name.equals(endpoint.name))
        {
            refusedFrames.incrementAndGet();
            return;
        }
        // The answer goes to the address the HELLO came from, never to one it names: a forged HELLO
        // cannot turn this node into a reflector toward a third host.
        final io.aeron.Image image = subscription.imageBySessionId(sessionId);
        final String source = image == null ? null : sourceHost(image.sourceIdentity());
        if (source == null)
        {
            refusedFrames.incrementAndGet();
            return;
        }
        final ExclusivePublication out = endpoint.node.publish(source, parsed.port, outStream);
        final NetSession session = new NetSession(out, source + ":" + parsed.port, sessionId,
            endpoint.node.peerTimeoutNs(), endpoint.maxMessageLength, endpoint.node.batchLingerNs());
        final byte[] nonceH = Handshake.nonce();
        session.transcript = Handshake.transcript(bytes, length, nonceH);
        session.helloCodec = parsed.codec.getBytes(StandardCharsets.UTF_8);
        session.helloEnd = parsed.end;
        session.deadlineNs = System.nanoTime() + endpoint.node.peerTimeoutNs();
        final byte[] challenge = Handshake.challenge(parsed.nonceC, nonceH,
            Handshake.homeProof(endpoint.node.secret(), session.transcript));
        session.pending(challenge, CHALLENGE_LENGTH, null);
        sessions.put(sessionId, session);
    }

    /**
     * @param sourceIdentity Aeron's "address:port" of an image's sender ({@code [v6]:port} for IPv6).
     * @return the address, or null when there is none.
     */
    static String sourceHost(final String sourceIdentity)
    {
        final int colon = sourceIdentity == null ? -1 : sourceIdentity.lastIndexOf(':');
        if (colon <= 0)
        {
            return null;
        }
        final String host = sourceIdentity.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    void onResponse(final int sessionId, final DirectBuffer buffer, final int offset, final int length)
    {
        final NetSession session = endpoint.home ? sessions.get(sessionId) : null;
        if (session == null || session.isKeyed() || length != RESPONSE_LENGTH)
        {
            refusedFrames.incrementAndGet();
            return;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        final byte[] secret = endpoint.node.secret();
        if (!Handshake.matches(Handshake.remoteProof(secret, session.transcript), bytes, BODY_OFFSET, FULL_MAC_LENGTH))
        {
            refusedFrames.incrementAndGet();
            drop.drop(sessionId, session);
            return;
        }
        session.keys(Handshake.keyOut(secret, session.transcript), Handshake.keyIn(secret, session.transcript));
        session.state = NetSession.State.KEYED;
        final String refusal = sessions.refusal(session, endpoint.name, endpoint.codecId, endpoint.end,
            endpoint.maxSessions);
        session.pendingReady(refusal == null, refusal == null ? "" : refusal);
    }
}
