package io.mmipc.internal.wait;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Linux {@code futex_waitv(2)} (kernel 5.16+): one sleep on up to {@link #MAX_WORDS} futex words
 * at once, ended by a {@code FUTEX_WAKE} on any of them, so a wait on many objects sleeps until
 * the first publisher signals, as a wait on one sleeps on its {@link WakeWord}. The entries are
 * shared (no {@code FUTEX2_PRIVATE}), like {@link Futex}'s, so a publisher's ordinary
 * {@code FUTEX_WAKE} in another process reaches them; the kernel compares every word with the
 * value its waiter armed before it queues the waiter anywhere, which keeps the single-word proof
 * of {@link WakeWord} valid word by word.
 * <p>
 * Where the kernel has no {@code futex_waitv} ({@code ENOSYS}) {@link #available()} says false
 * once it has tried, logs that once, and the {@link Waiter} sleeps on the first word in short
 * slices instead ({@link Waiter#ANY_FALLBACK_SLICE_NANOS}). One instance per waiting thread:
 * its native memory (the vector and the deadline) is reused for every sleep.
 */
final class FutexVector
{
    /** The kernel's {@code FUTEX_WAITV_MAX}. */
    static final int MAX_WORDS = 128;

    /** {@code SYS_futex_waitv}: the asm-generic number, the same on x86-64 and aarch64. */
    private static final long SYS_FUTEX_WAITV = 449;
    /** {@code FUTEX2_SIZE_U32}, and not {@code FUTEX2_PRIVATE}: a shared 32-bit word. */
    private static final int FUTEX2_SIZE_U32 = 0x02;
    private static final int CLOCK_MONOTONIC = 1;
    /** {@code struct futex_waitv}: u64 val, u64 uaddr, u32 flags, u32 reserved. */
    private static final int ENTRY_LENGTH = 24;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int ENOSYS = 38;
    private static final int ETIMEDOUT = 110;

    private static final int UNKNOWN = 0;
    private static final int AVAILABLE = 1;
    private static final int UNAVAILABLE = 2;
    private static final AtomicInteger STATE = new AtomicInteger(UNKNOWN);

    private final ByteBuffer memory =
        ByteBuffer.allocateDirect(MAX_WORDS * ENTRY_LENGTH + 2 * Long.BYTES).order(ByteOrder.nativeOrder());
    private final long address = Pointer.nativeValue(Native.getDirectBufferPointer(memory));
    private final int timespecIndex = MAX_WORDS * ENTRY_LENGTH;

    /**
     * @return true when {@code futex_waitv} works in this JVM; asks the kernel on the first call
     *         after {@link Futex#ready()}; false before that.
     */
    static boolean available()
    {
        final int state = STATE.get();
        if (state != UNKNOWN)
        {
            return state == AVAILABLE;
        }
        if (!Futex.ready())
        {
            return false;
        }
        final boolean works = probe();
        STATE.compareAndSet(UNKNOWN, works ? AVAILABLE : UNAVAILABLE);
        return STATE.get() == AVAILABLE;
    }

    /**
     * Waiting for a value the word does not hold must return at once with {@code EAGAIN}.
     */
    private static boolean probe()
    {
        final FutexVector vector = new FutexVector();
        final ByteBuffer word = ByteBuffer.allocateDirect(Integer.BYTES).order(ByteOrder.nativeOrder());
        final long wordAddress = Pointer.nativeValue(Native.getDirectBufferPointer(word));
        final long result = vector.call(new long[] {wordAddress}, new int[] {1}, 1, 0);
        final int errno = Futex.lastError();
        if (result == -1 && errno == EAGAIN)
        {
            return true;
        }
        Futex.LOG.info("mmipc: futex_waitv unavailable (result " + result + ", errno " + errno +
            (errno == ENOSYS ? ": kernel older than 5.16" : "") + "): waits on several objects sleep in slices of " +
            Waiter.ANY_FALLBACK_SLICE_NANOS / 1_000_000 + " ms on the first one's word");
        return false;
    }

    /**
     * Sleeps while every word {@code i < count} still holds {@code values[i]}, at most {@code nanos}.
     *
     * @return a {@link Futex} result.
     */
    int await(final WakeWord[] words, final int[] values, final int count, final long nanos)
    {
        for (int i = 0; i < count; i++)
        {
            put(i, words[i].address(), values[i]);
        }
        return result(callPrepared(count, nanos), words[0].address());
    }

    private long call(final long[] addresses, final int[] values, final int count, final long nanos)
    {
        for (int i = 0; i < count; i++)
        {
            put(i, addresses[i], values[i]);
        }
        return callPrepared(count, nanos);
    }

    private void put(final int index, final long wordAddress, final int value)
    {
        final int at = index * ENTRY_LENGTH;
        memory.putLong(at, value & 0xFFFF_FFFFL);
        memory.putLong(at + 8, wordAddress);
        memory.putInt(at + 16, FUTEX2_SIZE_U32);
        memory.putInt(at + 20, 0);
    }

    /**
     * The timeout of {@code futex_waitv} is absolute on the clock it names: now on
     * {@code CLOCK_MONOTONIC} (from {@code System.nanoTime()}, which HotSpot reads from that clock
     * on Linux) plus {@code nanos}.
     */
    private long callPrepared(final int count, final long nanos)
    {
        final long deadline = System.nanoTime() + Math.max(0, nanos);
        memory.putLong(timespecIndex, deadline / NANOS_PER_SECOND);
        memory.putLong(timespecIndex + Long.BYTES, deadline % NANOS_PER_SECOND);
        return Futex.syscall(SYS_FUTEX_WAITV, address, count, 0, address + timespecIndex, CLOCK_MONOTONIC);
    }

    private static int result(final long result, final long firstAddress)
    {
        if (result >= 0)
        {
            return Futex.WOKEN;
        }
        final int errno = Futex.lastError();
        switch (errno)
        {
            case EAGAIN:
                return Futex.VALUE_CHANGED;
            case ETIMEDOUT:
                return Futex.TIMED_OUT;
            case EINTR:
                return Futex.INTERRUPTED;
            default:
                Futex.logFailure("futex_waitv", firstAddress, errno);
                return Futex.FAILED;
        }
    }
}
