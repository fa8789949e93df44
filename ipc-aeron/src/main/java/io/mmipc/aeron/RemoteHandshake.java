package io.mmipc.aeron;

import io.aeron.ExclusivePublication;
import org.agrona.DirectBuffer;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import static io.mmipc.aeron.FrameDescriptor.BODY_OFFSET;
import static io.mmipc.aeron.FrameDescriptor.CHALLENGE_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.FULL_MAC_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.MAX_HELLO_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.NONCE_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.RESPONSE_LENGTH;

/**
 * The remote side of the handshake ({@link Handshake}) for one endpoint, the counterpart of
 * {@link HomeHandshake}: a HELLO with a fresh nonce starts a session with the object's home; a
 * CHALLENGE that proves the home knows the secret keys it and queues the RESPONSE. Used under
 * the endpoint's poll lock.
 */
final class RemoteHandshake
{
    private final NetEndpoint endpoint;
    private final int inStream;
    private final AtomicLong refusedFrames;
    private byte[] nonceC;
    private byte[] hello;
    private int helloLength;

    RemoteHandshake(final NetEndpoint endpoint, final int inStream, final AtomicLong refusedFrames)
    {
        this.endpoint = endpoint;
        this.inStream = inStream;
        this.refusedFrames = refusedFrames;
    }

    /**
     * @param port where this node's subscription for the object listens (the home answers there).
     * @return a new session whose HELLO waits to be offered; the poller finishes the handshake.
     */
    NetSession start(final int port)
    {
        final AeronNode node = endpoint.node;
        nonceC = Handshake.nonce();
        hello = new byte[MAX_HELLO_LENGTH];
        helloLength = Hello.write(hello, nonceC, node.options().host(), port, (byte)endpoint.end, endpoint.kind,
            endpoint.name, endpoint.codecId);
        final ExclusivePublication out = node.publish(node.homeHost(), node.homePort(), inStream);
        final NetSession session = new NetSession(out, node.homeHost() + ":" + node.homePort(), -1,
            node.peerTimeoutNs(), endpoint.maxMessageLength, node.batchLingerNs());
        session.deadlineNs = System.nanoTime() + node.peerTimeoutNs();
        session.pending(Arrays.copyOf(hello, helloLength), helloLength, null);
        return session;
    }

    /**
     * A CHALLENGE for {@code session} (the endpoint's connection, not yet keyed): keys it when the
     * home's proof holds; anything else is counted as refused.
     */
    void onChallenge(final NetSession session, final int sessionId, final DirectBuffer buffer, final int offset,
        final int length)
    {
        if (length != CHALLENGE_LENGTH || hello == null)
        {
            refusedFrames.incrementAndGet();
            return;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        if (!Handshake.matches(nonceC, bytes, BODY_OFFSET, NONCE_LENGTH))
        {
            refusedFrames.incrementAndGet();
            return;
        }
        final byte[] secret = endpoint.node.secret();
        final byte[] nonceH = Arrays.copyOfRange(bytes, BODY_OFFSET + NONCE_LENGTH, BODY_OFFSET + 2 * NONCE_LENGTH);
        final byte[] transcript = Handshake.transcript(hello, helloLength, nonceH);
        if (!Handshake.matches(Handshake.homeProof(secret, transcript), bytes, BODY_OFFSET + 2 * NONCE_LENGTH,
            FULL_MAC_LENGTH))
        {
            refusedFrames.incrementAndGet();
            return;
        }
        session.transcript = transcript;
        session.inSessionId = sessionId;
        session.keys(Handshake.keyIn(secret, transcript), Handshake.keyOut(secret, transcript));
        session.pending(Handshake.response(Handshake.remoteProof(secret, transcript)), RESPONSE_LENGTH,
            NetSession.State.KEYED);
    }
}
