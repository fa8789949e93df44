package io.mmipc.internal.wait;

import org.agrona.concurrent.AtomicBuffer;

import java.lang.invoke.VarHandle;
import java.util.Objects;

import static io.mmipc.internal.wait.WakeWordDescriptor.*;

/**
 * The wake protocol, in one place: publishers of a condition {@link #signal()} it; waiters sleep
 * on it through a {@link Waiter} begun with it. Layout in {@link WakeWordDescriptor}: one 32-bit
 * word, bit 0 the sleepers flag S, bits 1..31 a sequence.
 * <pre>
 * publisher                                   waiter (inside Waiter.idle(), between the caller's attempts)
 * P1 publish the data (release store)         W1 w = word (volatile); unless S is set in w:
 * P2 old = word.getAndAdd(2)                     CAS(word, w, w | S), and on failure go back to the caller
 * P3 if S in old: CAS S off, and if this      W2 the caller's attempt: the re-check (succeeds: done)
 *    call cleared it, FUTEX_WAKE(all)         W3 FUTEX_WAIT(word, w | S, slice)
 * </pre>
 * <b>No lost wake-up: a sketch.</b> Every write to the word is an atomic read-modify-write (the
 * waiter's CAS, the publisher's add and CAS), so its writes form one chain in modification order,
 * and a volatile read of a value in the chain synchronizes with every earlier write of it.
 * Suppose a waiter sleeps at W3 on {@code v = w | S} although P1 happened, and take the write
 * that made the word {@code v} (the waiter's CAS, or the one W1 read when S was already set).
 * <ul>
 *   <li>P2 before that write: W1 read P2's value or a later one, so P1 happens-before the
 *   re-check W2, which saw the data: the waiter does not sleep.</li>
 *   <li>P2 after it: let X be the first write after it. A waiter's CAS cannot be X (it needs S
 *   clear), so X is a publisher's add or its clearing CAS, and from X on the word differs from
 *   {@code v} (until the 31-bit sequence wraps: 2^31 signals inside one waiter's window, a delay
 *   bounded like any other by the slice). The kernel compares the word with {@code v} under the
 *   futex's bucket lock after queueing the waiter: if X came first, W3 returns at once
 *   ({@code EAGAIN}). Otherwise the waiter was queued before X, and X's publisher read S set;
 *   it, or the publisher whose CAS cleared S after X, calls {@code FUTEX_WAKE} after that CAS,
 *   so after the waiter was queued, and wakes it.</li>
 * </ul>
 * <b>Fast path.</b> With nobody asleep S is clear and a signal is one atomic add on a line the
 * publisher mostly owns: no system call. A waiter that set S and then found its condition in the
 * re-check, timed out or was interrupted leaves S set: the next signal makes one spare
 * {@code FUTEX_WAKE}. So does a sleeper killed with {@code kill -9}: its S costs exactly one
 * spare wake, never more, since the publisher that wakes clears it. S is shared by all sleepers,
 * so a signal wakes them all (a waiter may leave without taking what it was woken for: wake-one
 * would need it to pass the wake on); a word serves one condition, whose sleepers are few.
 * <p>
 * <b>Fenceless publishers.</b> A lock's release is one release store; a fence on every unlock
 * would double an uncontended lock's cost. A word made with {@link #ofFencelessPublisher} moves
 * the fence to the waiters: its publisher stores (P1) and then only reads S
 * ({@link #signalAfterReleaseStore()}: a plain load, {@code signal()} only when S is set), and
 * every waiter, after setting S and before its re-check, calls {@code membarrier(GLOBAL_EXPEDITED)},
 * which puts a full fence (an IPI, or a context switch) into every thread of every registered
 * process at some point F during the call. Take the publisher's F: if F is after its store P1,
 * P1 is visible to the re-check, which then sees the data; if F is before P1, the publisher's
 * load of S comes after F, so after the waiter's CAS of S, and sees S set. (The JIT keeps the
 * two accesses in program order: HotSpot brackets ordered {@code Unsafe} accesses with
 * CPU-order barriers.) A process that is not registered (no membarrier, futex not loaded yet)
 * fences before it reads S. The barrier costs a sleeper about a microsecond, on its way into a
 * sleep of the kernel's anyway.
 * <p>
 * Before this JVM's futex is {@link Futex#ready()} (loading, or unavailable) a publisher bumps
 * the sequence but leaves S set: another process's sleeper then wakes at the end of its slice.
 */
public final class WakeWord
{
    /** What {@link #arm()} returns when the word moved under it: no sleep this time. */
    static final int NOT_ARMED = 0;

    private final AtomicBuffer buffer;
    private final int offset;
    private final long address;
    private final boolean fencelessPublisher;

    private WakeWord(final AtomicBuffer buffer, final int offset, final boolean fencelessPublisher)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.address = buffer.addressOffset() + offset;
        this.fencelessPublisher = fencelessPublisher;
    }

    /**
     * @param buffer a buffer over a shared mapping (off-heap: a futex needs a fixed address).
     * @param offset where the slot starts ({@link WakeWordDescriptor#SLOT_LENGTH} bytes, {@link
     *               WakeWordDescriptor#ALIGNMENT}-aligned).
     */
    public static WakeWord of(final AtomicBuffer buffer, final int offset)
    {
        Objects.requireNonNull(buffer, "buffer");
        if (buffer.byteArray() != null)
        {
            throw new IllegalArgumentException("a wake word needs off-heap memory (a mapped file): the buffer " +
                "wraps a " + buffer.byteArray().length + "-byte heap array");
        }
        checkSlot(buffer.addressOffset(), buffer.capacity(), offset);
        return new WakeWord(buffer, offset, false);
    }

    /**
     * A word whose publishers publish with a release store and then call
     * {@link #signalAfterReleaseStore()}: no fence on their side when nobody sleeps; its waiters
     * pay a global barrier before they sleep (see the class comment). Starts loading the futex,
     * so that this process registers for the barrier early.
     */
    public static WakeWord ofFencelessPublisher(final AtomicBuffer buffer, final int offset)
    {
        final WakeWord word = of(buffer, offset);
        Futex.ready();
        return new WakeWord(word.buffer, word.offset, true);
    }

    /**
     * P2/P3 for a publisher whose publication was an atomic update (a CAS, an add): wakes the
     * sleepers, if the word says there are any; no write when nobody sleeps. The update and this
     * volatile read, like the waiter's CAS of S and its re-check, are volatile accesses, which the
     * Java memory model orders in one total order: the re-check sees the update, or this read
     * sees S.
     */
    public void signalAfterAtomicUpdate()
    {
        if ((buffer.getIntVolatile(offset + WORD_OFFSET) & SLEEPERS) != 0)
        {
            signal();
        }
    }

    /**
     * P2/P3 for a publisher that just published with a release store: wakes the sleepers, if the
     * word says there are any. No fence, no write when nobody sleeps, in a registered process.
     * Any word may be signalled this way; only a {@link #ofFencelessPublisher fenceless} word's
     * waiters make the fence-free path safe, so other words always fence first.
     */
    public void signalAfterReleaseStore()
    {
        if (!fencelessPublisher || !Futex.barrierRegistered())
        {
            VarHandle.fullFence();
        }
        if ((buffer.getIntVolatile(offset + WORD_OFFSET) & SLEEPERS) != 0)
        {
            signal();
        }
    }

    /**
     * Tells the waiters of this word that the condition may have changed: call it after publishing
     * (the add is a full fence, so the publication is ordered before it). Wakes every sleeper, in
     * any process; makes no system call when nobody sleeps.
     */
    public void signal()
    {
        final int old = buffer.getAndAddInt(offset + WORD_OFFSET, SEQUENCE_STEP);
        if ((old & SLEEPERS) != 0)
        {
            wakeSleepers();
        }
    }

    private void wakeSleepers()
    {
        if (!Futex.ready())
        {
            return; // S stays set: a later signal wakes, and sleepers' slices bound the delay
        }
        int word;
        do
        {
            word = buffer.getIntVolatile(offset + WORD_OFFSET);
            if ((word & SLEEPERS) == 0)
            {
                return; // another publisher cleared S after our add, and wakes after its clear
            }
        }
        while (!buffer.compareAndSetInt(offset + WORD_OFFSET, word, word & ~SLEEPERS));
        buffer.getAndAddLong(offset + WAKES_OFFSET, 1);
        Futex.wakeAll(address);
    }

    /**
     * W1: registers the caller as a sleeper. The caller must re-check its condition before
     * {@link #sleep}.
     *
     * @return the value to sleep on (S set), or {@link #NOT_ARMED} when the word moved meanwhile.
     */
    int arm()
    {
        final int word = buffer.getIntVolatile(offset + WORD_OFFSET);
        if ((word & SLEEPERS) != 0)
        {
            barrierIfFenceless(); // every sleeper needs its own: a publisher may have read S before it was set
            return word;
        }
        final int armed = word | SLEEPERS;
        if (!buffer.compareAndSetInt(offset + WORD_OFFSET, word, armed))
        {
            return NOT_ARMED;
        }
        barrierIfFenceless();
        return armed;
    }

    private void barrierIfFenceless()
    {
        if (fencelessPublisher)
        {
            Futex.globalBarrier();
        }
    }

    /**
     * W3: sleeps while the word still holds {@code armed}, at most {@code nanos}.
     *
     * @return a {@link Futex} result.
     */
    int sleep(final int armed, final long nanos, final Futex.Timespec timeout)
    {
        buffer.getAndAddLong(offset + SLEEPS_OFFSET, 1);
        return Futex.await(address, armed, nanos, timeout);
    }

    /**
     * W3 of a sleep on several words ({@link FutexVector}): counts the sleep on this word.
     */
    void countSleep()
    {
        buffer.getAndAddLong(offset + SLEEPS_OFFSET, 1);
    }

    /**
     * @return the futex word's address in this process.
     */
    long address()
    {
        return address;
    }

    /**
     * @return the word's value now (volatile): {@link WakeWordDescriptor#SLEEPERS} and the sequence.
     */
    public int wordVolatile()
    {
        return buffer.getIntVolatile(offset + WORD_OFFSET);
    }

    /**
     * @return how many {@code FUTEX_WAKE} calls publishers in any process made on this word.
     */
    public long wakeCount()
    {
        return buffer.getLongVolatile(offset + WAKES_OFFSET);
    }

    /**
     * @return how many {@code FUTEX_WAIT} calls waiters in any process made on this word.
     */
    public long sleepCount()
    {
        return buffer.getLongVolatile(offset + SLEEPS_OFFSET);
    }

    @Override
    public String toString()
    {
        final int word = wordVolatile();
        return "WakeWord{offset=" + offset + ", sequence=" + sequence(word) + ", sleepers=" + ((word & SLEEPERS) != 0) +
            ", wakes=" + wakeCount() + ", sleeps=" + sleepCount() + "}";
    }
}
