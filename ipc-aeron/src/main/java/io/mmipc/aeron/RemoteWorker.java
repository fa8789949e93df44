package io.mmipc.aeron;

import io.mmipc.EndOfStreamException;
import io.mmipc.PipeEnd;
import io.mmipc.internal.pool.WorkerProcess;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A pool worker that a {@link PoolAgent} started on its node, seen through the worker's control
 * pipe: the agent reports {@link AgentMessages.Started} and later {@link AgentMessages.Exited};
 * the pool sends {@link AgentMessages.Kill}. It is dead once its exit is reported, once the
 * control pipe ends (the agent's node silent for the peer timeout, or the agent gone), or when
 * the agent has not answered its start within the start timeout. Every method returns within
 * its bound.
 */
final class RemoteWorker implements WorkerProcess
{
    /** How long one wait of {@link #join} lasts before it checks the start deadline again. */
    private static final long WAIT_SLICE_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final AgentLauncher launcher;
    private final String name;
    private final PipeEnd<byte[]> control;
    private final long startDeadlineNs;
    private long pid = -1;
    private String node;
    private boolean ended;
    private int exitCode = -1;
    private String why;

    RemoteWorker(final AgentLauncher launcher, final String name, final PipeEnd<byte[]> control,
        final long startTimeoutNs)
    {
        this.launcher = launcher;
        this.name = name;
        this.control = control;
        this.startDeadlineNs = System.nanoTime() + startTimeoutNs;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public synchronized long pid()
    {
        return pid;
    }

    @Override
    public synchronized String where()
    {
        return (node != null ? " on node " + node : "") + " of agent " + launcher.agent() +
            (why != null ? "; " + why : "");
    }

    @Override
    public boolean knownDead()
    {
        return launcher.lostReason() != null;
    }

    @Override
    public synchronized boolean isAlive()
    {
        poll();
        return !ended;
    }

    @Override
    public synchronized void kill()
    {
        poll();
        if (ended)
        {
            return;
        }
        if (pid < 0)
        {
            // Not started yet: closing the control pipe makes the agent start nothing (or kill what it just started).
            end(-1, "given up before the agent reported it started", false);
            return;
        }
        try
        {
            control.send(AgentMessages.write(new AgentMessages.Kill()), 0, TimeUnit.NANOSECONDS);
        }
        catch (final EndOfStreamException | IllegalStateException gone)
        {
            end(-1, "the agent is gone: " + gone.getMessage(), true);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean join(final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true)
        {
            poll();
            final long left = deadline - System.nanoTime();
            if (ended || left <= 0)
            {
                return ended;
            }
            try
            {
                control.poll(Math.min(left, WAIT_SLICE_NS), TimeUnit.NANOSECONDS);
            }
            catch (final EndOfStreamException | IllegalStateException gone)
            {
                // the next poll() sees it
            }
        }
    }

    @Override
    public synchronized OptionalInt exitCode()
    {
        poll();
        return ended && exitCode >= 0 ? OptionalInt.of(exitCode) : OptionalInt.empty();
    }

    /**
     * Reads what the agent reported so far, and judges its silence.
     */
    private void poll()
    {
        if (ended)
        {
            return;
        }
        final String agentLost = launcher.lostReason();
        if (agentLost != null)
        {
            // Another worker of the same agent found its node silent or the agent ended: every worker
            // there is gone with it (they are the agent's children), so none waits out its own timeout.
            end(-1, "its agent is gone (" + agentLost + ")", false);
            return;
        }
        try
        {
            byte[] bytes;
            while (!ended && (bytes = control.recv(0, TimeUnit.NANOSECONDS)) != null)
            {
                final Object message = AgentMessages.read(bytes);
                if (message instanceof AgentMessages.Started started && pid < 0)
                {
                    pid = started.pid();
                    node = started.node();
                }
                else if (message instanceof AgentMessages.Exited exited)
                {
                    end(exited.exitCode(), exited.why(), false);
                }
                else
                {
                    throw new IllegalStateException("agent " + launcher.agent() + " sent " + message + " about " +
                        name);
                }
            }
        }
        catch (final EndOfStreamException eof)
        {
            end(-1, "its node fell silent or the agent ended", true);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (!ended && pid < 0 && System.nanoTime() - startDeadlineNs >= 0)
        {
            end(-1, "the agent did not start it in time", true);
        }
    }

    private void end(final int code, final String reason, final boolean agentLost)
    {
        ended = true;
        exitCode = code;
        why = reason;
        if (agentLost)
        {
            launcher.lose(name + ": " + reason);
        }
        release();
    }

    /**
     * Closes the pool's end of the control pipe: the agent, if it still runs the worker, kills it.
     */
    synchronized void release()
    {
        control.close();
        launcher.forget(this);
    }

    @Override
    public String toString()
    {
        return name + where();
    }
}
