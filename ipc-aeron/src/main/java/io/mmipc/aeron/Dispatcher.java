package io.mmipc.aeron;

import io.mmipc.EndOfStreamException;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A many-to-many queue's competing consumers on other nodes, served on the queue's home: each
 * consumer asks for a message with a credit (a 4-byte DATA frame on its dispatch session), and
 * the home's agent takes the next message from the queue and sends it to that consumer alone.
 * <p>
 * <b>At-most-once</b>, as on one host: a message sent to a consumer whose node then dies, or that
 * closes before it takes what it asked for, is lost ({@link #lostMessages()} counts those the home
 * still held). The durable log is the at-least-once path.
 */
final class Dispatcher implements AeronNode.Duty, NetEndpoint.DataSink, AutoCloseable
{
    /** The most messages one consumer may ask for ahead: each one is lost if its node dies. */
    static final int MAX_CREDIT = 64;

    private final NetEndpoint endpoint;
    private final NetChannel source;
    private final Map<NetSession, Integer> credits = new ConcurrentHashMap<>();
    private final Map<NetSession, byte[]> pending = new ConcurrentHashMap<>();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(256);
    private final NoOpIdleStrategy noWait = new NoOpIdleStrategy();
    private final AtomicLong lost = new AtomicLong();
    private int scratchLength;

    Dispatcher(final NetEndpoint endpoint, final NetChannel source)
    {
        this.endpoint = endpoint;
        this.source = source;
        endpoint.sink(this);
        endpoint.node.addDuty(this);
    }

    @Override
    public void onData(final NetSession session, final DirectBuffer buffer, final int offset,
        final int length)
    {
        if (length == 4)
        {
            final int asked = buffer.getInt(offset);
            if (asked > 0)
            {
                credits.merge(session, asked, (a, b) -> Math.min(MAX_CREDIT, a + b));
            }
        }
    }

    @Override
    public synchronized int doDuty(final long nowNs)
    {
        int work = 0;
        final List<NetSession> live = endpoint.liveSessions();
        credits.keySet().retainAll(live);
        pending.keySet().removeIf(session ->
        {
            final boolean gone = !live.contains(session);
            if (gone)
            {
                lost.incrementAndGet();
            }
            return gone;
        });
        for (final NetSession session : live)
        {
            final int credit = credits.getOrDefault(session, 0);
            if (credit <= 0)
            {
                continue;
            }
            final byte[] held = pending.get(session);
            if (held != null)
            {
                if (send(session, new UnsafeBuffer(held), held.length))
                {
                    pending.remove(session);
                    credits.put(session, credit - 1);
                    work++;
                }
                continue;
            }
            scratchLength = -1;
            if (!source.poll(this::take))
            {
                break; // the queue is empty: nothing for anybody
            }
            if (send(session, scratch, scratchLength))
            {
                credits.put(session, credit - 1);
            }
            else
            {
                final byte[] copy = new byte[scratchLength];
                scratch.getBytes(0, copy);
                pending.put(session, copy);
            }
            work++;
        }
        return work;
    }

    private void take(final DirectBuffer buffer, final int offset, final int length)
    {
        scratch.putBytes(0, buffer, offset, length);
        scratchLength = length;
    }

    private boolean send(final NetSession session, final DirectBuffer buffer, final int length)
    {
        try
        {
            return session.send(buffer, 0, length, System.nanoTime(), noWait);
        }
        catch (final EndOfStreamException | InterruptedException ex)
        {
            if (ex instanceof InterruptedException)
            {
                Thread.currentThread().interrupt();
            }
            lost.incrementAndGet();
            return true; // the consumer is gone with it: at-most-once
        }
    }

    long lostMessages()
    {
        return lost.get();
    }

    @Override
    public void close()
    {
        endpoint.node.removeDuty(this);
        endpoint.close();
    }
}
