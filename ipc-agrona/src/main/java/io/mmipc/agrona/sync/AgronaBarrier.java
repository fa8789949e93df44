package io.mmipc.agrona.sync;

import io.mmipc.internal.wait.WakeWord;
import io.mmipc.SharedBarrier;
import io.mmipc.SharedStateCorruptedException;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.owner.ParticipantRegistry;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.wait.Waiter;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static io.mmipc.agrona.sync.BarrierDescriptor.*;

/**
 * A cyclic barrier (layout and protocol in {@link BarrierDescriptor}). Waiters poll the state
 * word; every {@link LockCore#OWNER_CHECK_INTERVAL_NANOS} ({@link Waiter#checkDue()}) they also
 * look for a party of their generation whose process died ({@link ParticipantRegistry#isAlive}),
 * and break the barrier when they find one (the party running the action among them).
 * <p>
 * The action and the default timeout belong to this object ({@link BarrierOptions}), not to the
 * file: the party that trips the barrier runs its own object's action.
 */
final class AgronaBarrier extends MappedObject implements SharedBarrier
{
    private static final long TRIPPED = -1;
    private static final long ACTING = -2;

    private final int parties;
    private final ParticipantRegistry registry;
    private final AtomicBoolean leaseReleased = new AtomicBoolean();
    private final Waiters waiters = new Waiters();
    private final WakeWord wake;
    private final BarrierOptions options;

    AgronaBarrier(final TransportContext ctx, final SharedFile file, final String name, final int parties,
        final ParticipantRegistry registry, final BarrierOptions options)
    {
        super(ctx, file, name);
        this.wake = WakeWord.of(body, BarrierDescriptor.WAKE_OFFSET);
        this.parties = parties;
        this.registry = registry;
        this.options = options;
    }

    @Override
    public int parties()
    {
        return parties;
    }

    @Override
    public int await() throws InterruptedException, BrokenBarrierException
    {
        final long timeout = options.timeoutNanos();
        try
        {
            return doAwait(timeout == BarrierOptions.NO_TIMEOUT ? Waiter.FOREVER : timeout);
        }
        catch (final TimeoutException timedOut)
        {
            // Python's wait() with the barrier's default timeout: the barrier breaks and so does the call.
            final BrokenBarrierException broken = broken("timed out after its default timeout of " + timeout +
                " ns; it is now broken");
            broken.initCause(timedOut);
            throw broken;
        }
    }

    @Override
    public int await(final long timeout, final TimeUnit unit)
        throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        return doAwait(Waiters.timeoutNanos(timeout, unit));
    }

    @Override
    public int getNumberWaiting()
    {
        final long state = state();
        return BarrierDescriptor.isBroken(state) ? 0 : Math.min(arrived(state), parties - 1);
    }

    @Override
    public boolean isBroken()
    {
        return BarrierDescriptor.isBroken(state());
    }

    @Override
    public void abort()
    {
        breakGeneration(generation(state()));
    }

    @Override
    public void reset()
    {
        file.enter();
        try
        {
            long state;
            do
            {
                state = checkedState();
            }
            while (!BarrierDescriptor.isBroken(state) && !body.compareAndSetLong(STATE_OFFSET, state, state | BROKEN));
            final long generation = generation(state);
            // Broken first, so the generation can no longer trip; then marked; then replaced.
            body.putLongRelease(resetRingOffset(generation), generation | RESET_MARK);
            long current = checkedState();
            while (generation(current) == generation &&
                !body.compareAndSetLong(STATE_OFFSET, current, BarrierDescriptor.state(generation + 1, false, 0)))
            {
                current = checkedState();
            }
            wake.signalAfterAtomicUpdate();
        }
        catch (final InternalError fault)
        {
            throw fault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    @Override
    public SharedBarrier idle(final Supplier<IdleStrategy> value)
    {
        waiters.idle(value);
        return this;
    }

    @Override
    public void close()
    {
        if (leaseReleased.compareAndSet(false, true))
        {
            registry.release();
        }
        super.close();
    }

    @Override
    Handle handle()
    {
        return handle(SyncKinds.BARRIER, parties, options.isNone() ? null : options);
    }

    @Override
    String kindName()
    {
        return "barrier";
    }

    /**
     * @param timeoutNanos {@link Waiter#FOREVER} or the longest wait.
     */
    private int doAwait(final long timeoutNanos) throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        if (Thread.interrupted())
        {
            abort();
            throw new InterruptedException();
        }
        final Waiter wait = waiters.begin(timeoutNanos, true, LockCore.OWNER_CHECK_INTERVAL_NANOS, wake);
        try
        {
            final long arrival = arriveAfterAction(wait);
            if (arrival == TRIPPED)
            {
                return 0; // the last to arrive: the barrier tripped
            }
            final long generation = arrival >>> 32;
            final int index = (int)arrival;
            if (index == parties - 1)
            {
                return act(generation);
            }
            while (true)
            {
                final long state = state();
                if (generation(state) != generation)
                {
                    if (wasReset(generation))
                    {
                        throw broken("was reset");
                    }
                    return parties - 1 - index;
                }
                if (BarrierDescriptor.isBroken(state))
                {
                    throw broken("is broken");
                }
                final int status = wait.idle();
                if (status != Waiter.AGAIN)
                {
                    if (breakGeneration(generation))
                    {
                        if (status == Waiter.INTERRUPTED)
                        {
                            throw new InterruptedException();
                        }
                        throw new TimeoutException(this + ": timed out with " + arrived(state) + " of " + parties +
                            " parties arrived; the barrier is now broken");
                    }
                    if (status == Waiter.INTERRUPTED)
                    {
                        Thread.currentThread().interrupt(); // it tripped or broke meanwhile: the next look tells
                    }
                }
                if (wait.checkDue())
                {
                    final long deadPid = deadParty(generation);
                    if (deadPid != 0 && breakGeneration(generation))
                    {
                        throw broken(deadPid > 0 ? "lost a party: process " + deadPid + " died waiting" :
                            "lost a party: its process ended while it waited");
                    }
                }
            }
        }
        finally
        {
            wait.end();
        }
    }

    /**
     * Arrives, first waiting while the previous generation's action runs (a party beyond
     * {@code parties} that came early). A timeout or interrupt then breaks the barrier.
     */
    private long arriveAfterAction(final Waiter wait)
        throws BrokenBarrierException, InterruptedException, TimeoutException
    {
        long arrival;
        while ((arrival = arrive()) == ACTING)
        {
            final int status = wait.idle();
            if (status != Waiter.AGAIN)
            {
                abort();
                if (status == Waiter.INTERRUPTED)
                {
                    throw new InterruptedException();
                }
                throw new TimeoutException(this + ": timed out while the previous round's action ran; the " +
                    "barrier is now broken");
            }
        }
        return arrival;
    }

    /**
     * The last arrival of a barrier with an action: runs it while the others still wait, then
     * starts the next generation. A failing action breaks the barrier; its exception reaches this
     * caller (an unchecked one as it is, a checked one as the cause of the BrokenBarrierException).
     */
    private int act(final long generation) throws BrokenBarrierException
    {
        try
        {
            options.action().run();
        }
        catch (final RuntimeException | Error ex)
        {
            breakGeneration(generation);
            throw ex;
        }
        catch (final Exception ex)
        {
            breakGeneration(generation);
            final BrokenBarrierException broken = broken("is broken: its action failed: " + ex);
            broken.initCause(ex);
            throw broken;
        }
        file.enter();
        try
        {
            if (!body.compareAndSetLong(STATE_OFFSET, BarrierDescriptor.state(generation, false, parties),
                BarrierDescriptor.state(generation + 1, false, 0)))
            {
                throw broken("broke or was reset while its action ran");
            }
            wake.signalAfterAtomicUpdate();
            return 0;
        }
        catch (final InternalError fault)
        {
            throw fault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * Counts this arrival, or trips the barrier when it is the last.
     *
     * @return {@link #TRIPPED} when it tripped the barrier; {@link #ACTING} when the previous
     *         round's action still runs (nothing counted); else the generation in the high 32 bits
     *         and the arrival's index in the low, index {@code parties - 1} for the last arrival
     *         of a barrier with an action, which must now run it ({@link #act}).
     */
    private long arrive() throws BrokenBarrierException
    {
        file.enter();
        try
        {
            while (true)
            {
                final long state = checkedState();
                if (BarrierDescriptor.isBroken(state))
                {
                    throw broken("is broken");
                }
                final long generation = generation(state);
                final int arrived = arrived(state);
                if (arrived == parties)
                {
                    return ACTING;
                }
                if (arrived + 1 == parties && options.action() == null)
                {
                    if (body.compareAndSetLong(STATE_OFFSET, state, BarrierDescriptor.state(generation + 1, false, 0)))
                    {
                        wake.signalAfterAtomicUpdate();
                        return TRIPPED;
                    }
                }
                else if (body.compareAndSetLong(STATE_OFFSET, state, state + 1))
                {
                    body.putLongRelease(arrivalOffset(arrived), arrival(generation, registry.token()));
                    return (generation << 32) | arrived;
                }
            }
        }
        catch (final InternalError fault)
        {
            throw fault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * Breaks {@code generation} if it is still the current one and unbroken.
     *
     * @return true when this call broke it.
     */
    private boolean breakGeneration(final long generation)
    {
        file.enter();
        try
        {
            while (true)
            {
                final long state = checkedState();
                if (generation(state) != generation || BarrierDescriptor.isBroken(state))
                {
                    return false;
                }
                if (body.compareAndSetLong(STATE_OFFSET, state, state | BROKEN))
                {
                    wake.signalAfterAtomicUpdate();
                    return true;
                }
            }
        }
        catch (final InternalError fault)
        {
            throw fault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * @return the pid of a party of {@code generation} whose process died, else 0.
     */
    private long deadParty(final long generation)
    {
        final int arrived;
        final long[] arrivals;
        file.enter();
        try
        {
            arrived = Math.min(arrived(checkedState()), parties);
            arrivals = new long[arrived];
            for (int i = 0; i < arrived; i++)
            {
                arrivals[i] = body.getLongVolatile(arrivalOffset(i));
            }
        }
        catch (final InternalError fault)
        {
            throw fault(fault);
        }
        finally
        {
            file.exit();
        }
        for (final long arrival : arrivals)
        {
            final int token = (int)arrival;
            if ((arrival >>> 32) == generation && token != registry.token() &&
                ParticipantRegistry.isPlausibleToken(token) && !registry.isAlive(token))
            {
                final long pid = registry.pidOf(token);
                return pid != 0 ? pid : -1;
            }
        }
        return 0;
    }

    private boolean wasReset(final long generation)
    {
        file.enter();
        try
        {
            return body.getLongVolatile(resetRingOffset(generation)) == (generation | RESET_MARK);
        }
        catch (final InternalError fault)
        {
            throw fault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    private long state()
    {
        file.enter();
        try
        {
            return checkedState();
        }
        catch (final InternalError fault)
        {
            throw fault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * @return the state word, checked; call between enter and exit.
     */
    private long checkedState()
    {
        final long state = body.getLongVolatile(STATE_OFFSET);
        if (arrived(state) > parties)
        {
            throw new SharedStateCorruptedException(file.path(), this + ": the state word at offset " + STATE_OFFSET +
                " holds 0x" + Long.toHexString(state) + ": " + arrived(state) + " arrived of " + parties + " parties");
        }
        return state;
    }

    private BrokenBarrierException broken(final String why)
    {
        return new BrokenBarrierException(this + " " + why);
    }

    /**
     * @return the word this object's waiters sleep on (its counters prove a kernel sleep in tests).
     */
    WakeWord wakeWord()
    {
        return wake;
    }
}
