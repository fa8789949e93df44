package io.mmipc.internal.wait;

import io.mmipc.Idle;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one way mmipc waits for another process: every blocking call of every primitive (queue,
 * pipe, lock, rlock, semaphore, event, condition, barrier, dict writers, the durable log's
 * {@code take}, the Pool's dispatcher) loops on its own non-blocking attempt and calls
 * {@link #idle()} between attempts. How a waiter sleeps is decided here and only here.
 * <pre>{@code
 * Waiter w = waiters.get().begin(timeoutNanos, true, notEmpty); // one per thread, reused: no allocation
 * try {
 *     while (!attempt()) {
 *         int s = w.idle();
 *         if (s == Waiter.TIMED_OUT) return false;
 *         if (s == Waiter.INTERRUPTED) throw new InterruptedException();
 *         if (w.checkDue()) checkPeer();                  // every checkPeriodNanos
 *     }
 * } finally { w.end(); }
 * }</pre>
 * <b>How it sleeps.</b> A wait begun with a {@link WakeWord} (the condition's slot in the shared
 * file, which the publishers {@link WakeWord#signal()}) spins ({@link Idle#SPINS}), yields
 * ({@link Idle#YIELDS}), then sleeps in the kernel on a futex: one {@code idle()} registers the
 * waiter on the word ({@link WakeWord#arm()}), the caller's next attempt is the re-check that makes
 * a lost wake-up impossible (see {@link WakeWord}), and the following {@code idle()} sleeps until
 * a publisher wakes it or a slice ends: at most {@link #SLICE_NANOS}, the time left to the deadline,
 * and the time left to the next {@link #checkDue()}. So a timeout is honoured to the kernel's
 * timer slack, an interrupt within one slice (a futex sleep does not see Java interrupts), and a
 * peer's death at the check period.
 * <p>
 * <b>Adaptive spinning.</b> The spins and yields before a sleep pay off only when the condition
 * usually comes within them (a back-to-back exchange); for a request now and then they are pure
 * cost, and a yield on a busy machine can lose the core for a scheduler tick (the tail of a
 * spaced request/response). So each waiter keeps a budget of spin-and-yield steps, at most
 * {@code spins + yields}: a wait that ended while spinning, or after a sleep shorter than a full
 * spin phase lasts, doubles it; a wait that slept longer halves it. Waits for spaced events so
 * stop spinning after a few rounds; a stream of quick ones keeps the full spin. A full phase's
 * duration is measured, not assumed (it differs between machines by an order of magnitude).
 * <p>
 * The kernel replaces parks only: a wait whose strategy never parks (busy-spin, yield, no-op, or
 * one of the caller's own) idles with that strategy and never sleeps in the kernel. Without a wake
 * word, where the futex is unavailable or still loading ({@link Futex}), or with
 * {@code -Dmmipc.wait.futex=false}, a waiter idles with its strategy: spin, yield, then park with
 * growing sleeps up to the strategy's longest park, which then bounds how late an interrupt or a
 * deadline is seen. An uninterruptible wait clears the interrupt status while it idles (a parked
 * thread with the status set would not park and the wait would spin) and restores it in
 * {@link #end()}.
 * <p>
 * <b>Several words.</b> A wait for whichever of several conditions comes first (Python's
 * {@code multiprocessing.connection.wait}) begins with {@link #beginAny}: its registration arms
 * every word, the caller's attempt re-checks every condition, and the sleep is one
 * {@code futex_waitv} on all of them ({@link FutexVector}), so the first publisher that signals
 * any of them wakes it, exactly as one publisher wakes a single-word wait. Where the kernel lacks
 * {@code futex_waitv} (before 5.16) or more than {@link FutexVector#MAX_WORDS} words are given, it
 * sleeps on the first word for at most {@link #ANY_FALLBACK_SLICE_NANOS} at a time.
 * <p>
 * Not thread-safe: each waiting thread uses its own ({@link #perThread}).
 */
public final class Waiter
{
    /** A timeout meaning "as long as it takes". */
    public static final long FOREVER = -1;
    /** Keep trying. */
    public static final int AGAIN = 0;
    /** The deadline passed. */
    public static final int TIMED_OUT = 1;
    /** The thread was interrupted (interruptible waits only). */
    public static final int INTERRUPTED = 2;
    /** How often {@link #checkDue()} says yes by default: the peer-liveness period of waits. */
    public static final long DEFAULT_CHECK_NANOS = 10_000_000L;

    /**
     * The longest single sleep in the kernel: how late an interrupt is seen at worst, and what a
     * sleeper costs while nothing happens (about 100 wake-ups a second, each a few microseconds).
     */
    public static final long SLICE_NANOS = 10_000_000L;

    /**
     * The longest single sleep of a wait on several words where they cannot all be slept on at
     * once: how late a signal of any word but the first is seen at worst.
     */
    public static final long ANY_FALLBACK_SLICE_NANOS = 1_000_000L;

    /** A timeout this long or longer is no timeout: its deadline would overflow. */
    private static final long FOREVER_NANOS = Long.MAX_VALUE / 4;

    private final IdleStrategy idle;
    private final boolean kernelSleeps;
    private final int spins;
    private final int spinsAndYields;
    private final long sliceNanos;
    /** Spin-and-yield steps this waiter takes before it registers to sleep: adapts, 0 to {@link #spinsAndYields}. */
    private int budget;
    /** How long a full spin-and-yield phase took when last measured; 0 until then. */
    private long fullPhaseNanos;
    private long beganNs;
    private boolean registered;
    private boolean slept;
    private WakeWord word;
    private WakeWord[] anyWords;
    private int anyCount;
    private int[] anyArmed = new int[0];
    private FutexVector vector;
    private int idles;
    private int armed = WakeWord.NOT_ARMED;
    private boolean backOffOnce;
    private Futex.Timespec timespec;
    private boolean interruptible;
    private boolean timed;
    private long deadline;
    private long checkPeriod = DEFAULT_CHECK_NANOS;
    private long nextCheck;
    private boolean swallowedInterrupt;

    public Waiter(final IdleStrategy idle)
    {
        this(idle, (int)Idle.SPINS, (int)Idle.YIELDS, SLICE_NANOS);
    }

    /**
     * For tests: a long slice turns a lost wake-up into a timed-out wait instead of a late one.
     *
     * @param spins      spins before the first yield of a wait with a wake word.
     * @param yields     yields before such a wait registers to sleep in the kernel.
     * @param sliceNanos the longest single sleep in the kernel.
     */
    Waiter(final IdleStrategy idle, final int spins, final int yields, final long sliceNanos)
    {
        this.idle = Objects.requireNonNull(idle, "idle");
        if (spins < 0 || yields < 0 || sliceNanos <= 0)
        {
            throw new IllegalArgumentException("spins " + spins + " and yields " + yields +
                " must not be negative, slice " + sliceNanos + " ns must be positive");
        }
        this.kernelSleeps = parks(idle);
        this.spins = spins;
        this.spinsAndYields = spins + yields;
        this.budget = spinsAndYields;
        this.sliceNanos = sliceNanos;
    }

    /**
     * @return true for the strategies whose waits end in parks (Agrona's backoff and sleeping
     *         strategies, mmipc's default): a futex sleep replaces their parks.
     */
    static boolean parks(final IdleStrategy idle)
    {
        return idle instanceof BackoffIdleStrategy || idle instanceof SleepingIdleStrategy ||
            idle instanceof SleepingMillisIdleStrategy;
    }

    /**
     * @return one waiter per thread, each with its own idle strategy from {@code idle}.
     */
    public static ThreadLocal<Waiter> perThread(final Supplier<IdleStrategy> idle)
    {
        Objects.requireNonNull(idle, "idle");
        return ThreadLocal.withInitial(() -> new Waiter(idle.get()));
    }

    /**
     * Starts one wait.
     *
     * @param timeoutNanos  {@link #FOREVER}, or the longest wait (0 and negatives other than
     *                      {@code FOREVER} time out at the first {@link #idle()}).
     * @param interruptible whether an interrupt ends the wait ({@link #INTERRUPTED}).
     */
    public Waiter begin(final long timeoutNanos, final boolean interruptible)
    {
        return begin(timeoutNanos, interruptible, DEFAULT_CHECK_NANOS, null);
    }

    /**
     * @param checkPeriodNanos how often {@link #checkDue()} says yes (the first time after one period).
     */
    public Waiter begin(final long timeoutNanos, final boolean interruptible, final long checkPeriodNanos)
    {
        return begin(timeoutNanos, interruptible, checkPeriodNanos, null);
    }

    /**
     * Starts one wait that may sleep in the kernel on {@code word} until a publisher signals it.
     *
     * @param word the slot of the condition this wait is for, or null to idle with the strategy only.
     */
    public Waiter begin(final long timeoutNanos, final boolean interruptible, final WakeWord word)
    {
        return begin(timeoutNanos, interruptible, DEFAULT_CHECK_NANOS, word);
    }

    /**
     * Starts one wait.
     *
     * @param timeoutNanos     {@link #FOREVER}, or the longest wait.
     * @param interruptible    whether an interrupt ends the wait ({@link #INTERRUPTED}).
     * @param checkPeriodNanos how often {@link #checkDue()} says yes (the first time after one period).
     * @param word             the slot of the condition this wait is for, or null to idle with the strategy only.
     */
    public Waiter begin(
        final long timeoutNanos, final boolean interruptible, final long checkPeriodNanos, final WakeWord word)
    {
        final long now = System.nanoTime();
        this.beganNs = now;
        this.registered = false;
        this.slept = false;
        this.interruptible = interruptible;
        this.timed = timeoutNanos != FOREVER && timeoutNanos < FOREVER_NANOS;
        this.deadline = timed ? now + Math.max(0, timeoutNanos) : 0;
        this.checkPeriod = checkPeriodNanos;
        this.nextCheck = now + checkPeriodNanos;
        this.swallowedInterrupt = false;
        this.word = word;
        this.anyWords = null;
        this.anyCount = 0;
        this.idles = 0;
        this.armed = WakeWord.NOT_ARMED;
        this.backOffOnce = false;
        idle.reset();
        return this;
    }

    /**
     * Starts one wait for whichever of several conditions comes first, which may sleep in the
     * kernel on all their words at once until a publisher of any of them signals.
     *
     * @param words the slots of the conditions ({@code count} of them, at least one); kept, not
     *              copied, until {@link #end()}.
     */
    public Waiter beginAny(final long timeoutNanos, final boolean interruptible, final long checkPeriodNanos,
        final WakeWord[] words, final int count)
    {
        if (count < 1 || count > words.length)
        {
            throw new IllegalArgumentException("count " + count + " of " + words.length + " wake words");
        }
        begin(timeoutNanos, interruptible, checkPeriodNanos, null);
        this.anyWords = words;
        this.anyCount = count;
        if (anyArmed.length < count)
        {
            anyArmed = new int[count];
        }
        return this;
    }

    /**
     * Idles once (spins, yields, registers to sleep, or sleeps), unless the deadline passed or an
     * interruptible wait was interrupted. The caller tries its attempt again after every
     * {@link #AGAIN}: after a registration that attempt is the re-check the wake protocol needs.
     *
     * @return {@link #AGAIN}, {@link #TIMED_OUT} or {@link #INTERRUPTED}.
     */
    public int idle()
    {
        if (Thread.interrupted())
        {
            if (interruptible)
            {
                return INTERRUPTED;
            }
            swallowedInterrupt = true;
        }
        if (timed && System.nanoTime() - deadline >= 0)
        {
            return TIMED_OUT;
        }
        if ((word != null || anyCount > 0) && kernelSleeps)
        {
            if (idles < budget)
            {
                if (idles++ < spins)
                {
                    Thread.onSpinWait();
                }
                else
                {
                    Thread.yield();
                }
                return AGAIN;
            }
            if (backOffOnce)
            {
                backOffOnce = false; // the caller saw a publication under way: back off, then register again
            }
            else if (Futex.sleepsAllowed() && (anyCount > 0 ? sleepOnAny() : sleepOnWord()))
            {
                return AGAIN;
            }
        }
        idle.idle();
        return AGAIN;
    }

    /**
     * @return false when the futex failed and this idle must back off instead.
     */
    private boolean sleepOnWord()
    {
        if (armed == WakeWord.NOT_ARMED)
        {
            phaseEnded();
            armed = word.arm(); // NOT_ARMED again when the word moved: the caller's attempt sees why
            return true;
        }
        final int value = armed;
        armed = WakeWord.NOT_ARMED;
        slept = true;
        if (timespec == null)
        {
            timespec = new Futex.Timespec();
        }
        return word.sleep(value, sleepNanos(), timespec) != Futex.FAILED;
    }

    /**
     * {@link #sleepOnWord()} for several words: one idle arms them all (and gives up when any
     * moved: the caller re-checks), the next sleeps on all of them.
     *
     * @return false when the futex failed and this idle must back off instead.
     */
    private boolean sleepOnAny()
    {
        if (armed == WakeWord.NOT_ARMED)
        {
            phaseEnded();
            for (int i = 0; i < anyCount; i++)
            {
                final int value = anyWords[i].arm();
                if (value == WakeWord.NOT_ARMED)
                {
                    return true;
                }
                anyArmed[i] = value;
            }
            armed = anyArmed[0]; // never NOT_ARMED: an armed value has the sleepers flag set
            return true;
        }
        armed = WakeWord.NOT_ARMED;
        slept = true;
        if (timespec == null)
        {
            timespec = new Futex.Timespec();
        }
        if (anyCount > FutexVector.MAX_WORDS || !FutexVector.available())
        {
            return anyWords[0].sleep(anyArmed[0], Math.min(ANY_FALLBACK_SLICE_NANOS, sleepNanos()), timespec) !=
                Futex.FAILED;
        }
        if (vector == null)
        {
            vector = new FutexVector();
        }
        for (int i = 0; i < anyCount; i++)
        {
            anyWords[i].countSleep();
        }
        return vector.await(anyWords, anyArmed, anyCount, sleepNanos()) != Futex.FAILED;
    }

    /**
     * At the first registration of a wait: a phase of the full budget just ended, so its length
     * is what spinning costs (and could catch) on this machine now.
     */
    private void phaseEnded()
    {
        if (idles == spinsAndYields && idles > 0 && !registered)
        {
            fullPhaseNanos = System.nanoTime() - beganNs;
        }
        registered = true;
    }

    /**
     * Adapts the spin budget to how this wait ended (see the class comment); only for waits that
     * idled toward a kernel sleep, so a wait that found its condition at once costs nothing here.
     */
    private void adapt()
    {
        if (idles == 0 && !registered)
        {
            return;
        }
        if (!slept || System.nanoTime() - beganNs < fullPhaseNanos)
        {
            budget = Math.min(spinsAndYields, budget * 2 + 1);
        }
        else
        {
            budget >>= 1;
        }
    }

    /**
     * @return the spin-and-yield steps the next wait takes before it registers to sleep (tests).
     */
    int spinBudget()
    {
        return budget;
    }

    /**
     * @return one slice, cut to the deadline and to the next liveness check.
     */
    private long sleepNanos()
    {
        final long now = System.nanoTime();
        long nanos = sliceNanos;
        if (timed)
        {
            nanos = Math.min(nanos, deadline - now);
        }
        final long untilCheck = nextCheck - now;
        if (untilCheck > 0)
        {
            nanos = Math.min(nanos, untilCheck);
        }
        return Math.max(0, nanos);
    }

    /**
     * @return true when this wait may sleep in the kernel on its wake word at some point (it has
     *         one, its strategy parks, and the futex is allowed and loaded or still loading): the
     *         publishers must then signal.
     */
    public boolean sleepsOnWord()
    {
        return (word != null || anyCount > 0) && kernelSleeps && Futex.sleepsPossible();
    }

    /**
     * For a caller whose failed re-check saw a publication under way whose publisher may not
     * signal (a claimed record not yet committed): drops the registration, so the next
     * {@link #idle()} idles once with the strategy instead of sleeping in the kernel, and the one
     * after registers again. Does nothing while the waiter is not registered.
     */
    public void stayAwake()
    {
        if (armed != WakeWord.NOT_ARMED)
        {
            armed = WakeWord.NOT_ARMED;
            backOffOnce = true;
        }
    }

    /**
     * @return true about once per check period: time to ask whether the peer still lives.
     */
    public boolean checkDue()
    {
        final long now = System.nanoTime();
        if (now - nextCheck >= 0)
        {
            nextCheck = now + checkPeriod;
            return true;
        }
        return false;
    }

    /**
     * @return the nanoseconds left before the deadline (negative when past; {@code Long.MAX_VALUE} untimed).
     */
    public long remainingNanos()
    {
        return timed ? deadline - System.nanoTime() : Long.MAX_VALUE;
    }

    public boolean isTimed()
    {
        return timed;
    }

    /**
     * Ends the wait: restores an interrupt that an uninterruptible wait swallowed.
     */
    public void end()
    {
        if ((word != null || anyCount > 0) && kernelSleeps)
        {
            adapt();
        }
        word = null;
        anyWords = null;
        anyCount = 0;
        if (swallowedInterrupt)
        {
            swallowedInterrupt = false;
            Thread.currentThread().interrupt();
        }
    }
}
