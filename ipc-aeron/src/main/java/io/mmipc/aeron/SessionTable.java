package io.mmipc.aeron;

import org.agrona.collections.Int2ObjectHashMap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A home endpoint's sessions by the Aeron session id of their incoming stream, and the questions
 * asked of them. Used only under the endpoint's poll lock.
 */
final class SessionTable
{
    private static final NetSession[] NONE = new NetSession[0];
    private final Int2ObjectHashMap<NetSession> sessions = new Int2ObjectHashMap<>();
    /** The sessions as an array, made again when one comes or goes: housekeeping walks it on every poll, the agent without the lock. */
    private volatile NetSession[] array = NONE;

    NetSession get(final int sessionId)
    {
        return sessions.get(sessionId);
    }

    boolean contains(final int sessionId)
    {
        return sessions.containsKey(sessionId);
    }

    void put(final int sessionId, final NetSession session)
    {
        sessions.put(sessionId, session);
        array = sessions.values().toArray(NONE);
    }

    NetSession remove(final int sessionId)
    {
        final NetSession removed = sessions.remove(sessionId);
        array = sessions.values().toArray(NONE);
        return removed;
    }

    Collection<NetSession> all()
    {
        return sessions.values();
    }

    /**
     * @return the sessions; not changed by later puts and removes (housekeeping drops some while it walks them).
     */
    NetSession[] snapshot()
    {
        return array;
    }

    /**
     * The agent's round: sends the batches that waited for the linger (no lock: the array is
     * published whole, and each session's batch is under its own send lock).
     *
     * @return 1 when a batch is still open, else 0.
     */
    int flushLingering(final long nowNs)
    {
        int open = 0;
        for (final NetSession session : array)
        {
            open |= session.flushIfLingering(nowNs);
        }
        return open;
    }

    void clear()
    {
        sessions.clear();
        array = NONE;
    }

    int handshakes()
    {
        int count = 0;
        for (final NetSession session : sessions.values())
        {
            count += session.state == NetSession.State.HANDSHAKE ? 1 : 0;
        }
        return count;
    }

    List<NetSession> ready()
    {
        final List<NetSession> ready = new ArrayList<>();
        for (final NetSession session : sessions.values())
        {
            if (session.state == NetSession.State.READY)
            {
                ready.add(session);
            }
        }
        return ready;
    }

    NetSession firstReady()
    {
        for (final NetSession session : sessions.values())
        {
            if (session.state == NetSession.State.READY)
            {
                return session;
            }
        }
        return null;
    }

    boolean anyWasReady()
    {
        for (final NetSession session : sessions.values())
        {
            if (session.wasReady)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return why an authenticated session cannot use the object, or null.
     */
    String refusal(final NetSession session, final String name, final String codecId, final int end,
        final int maxSessions)
    {
        if (!Arrays.equals(session.helloCodec, codecId.getBytes(StandardCharsets.UTF_8)))
        {
            return name + " uses codec \"" + codecId + "\", not \"" +
                new String(session.helloCodec, StandardCharsets.UTF_8) + "\"";
        }
        if (session.helloEnd != end)
        {
            return name + ": end " + session.helloEnd + " cannot connect here";
        }
        int live = 0;
        String holder = null;
        for (final NetSession other : sessions.values())
        {
            if (other != session && other.isLive())
            {
                live++;
                holder = other.peer;
            }
        }
        return live >= maxSessions ? name + " is in use by " + holder + " (at most " + maxSessions + ")" : null;
    }
}
