package io.mmipc.internal.wait;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Linux {@code futex(2)} on a 32-bit word in a shared mapping, reached through libc's
 * {@code syscall(SYS_futex, ...)} with JNA: no C code of our own. Only the shared operations
 * ({@code FUTEX_WAIT} = 0, {@code FUTEX_WAKE} = 1, never {@code FUTEX_PRIVATE_FLAG}): the kernel
 * then keys a futex by the file and offset behind the address, so JVMs that map the same file at
 * different addresses meet on the same word.
 * <p>
 * <b>Loading.</b> JNA's start-up (extracting and loading its native library) costs a few hundred
 * milliseconds on a small machine, so it never happens on a waiting or publishing thread: the
 * first {@link #ready()} starts it on a daemon thread and answers false until it is done; callers
 * meanwhile wait as if there were no futex (waiters back off, publishers leave the sleepers' flag
 * set, which bounds a sleeper's delay by its slice). {@link #loadNow()} loads synchronously (for
 * tests, benchmarks, and processes that want it done up front).
 * <p>
 * <b>Fallback.</b> Where the futex cannot be had (not Linux on x86-64 or aarch64, JNA missing or
 * unable to load, a probe that fails) {@link #ready()} stays false and the reason is logged once
 * ({@code java.util.logging}, logger {@code io.mmipc.wait}); nothing fails. The system property
 * {@value #PROPERTY}{@code =false} keeps this JVM's waits out of the kernel ({@link #sleepsAllowed()}
 * is false); it still wakes other JVMs' sleepers when it can, so JVMs with and without the property
 * share objects safely.
 * <p>
 * <b>JVM flags.</b> None: JNA runs on the class path of Java 17 without {@code --add-exports} or
 * {@code --add-opens}, with or without Agrona's flag, and so does this class (it touches no
 * Agrona buffer; its own memory is a direct {@link ByteBuffer}).
 */
public final class Futex
{
    /** {@code false} keeps this JVM's waits out of the kernel (they back off as before). */
    public static final String PROPERTY = "mmipc.wait.futex";

    /** Returned 0: woken by a {@code FUTEX_WAKE}, or spuriously. */
    public static final int WOKEN = 0;
    /** {@code EAGAIN}: the word no longer held the expected value, so the call did not sleep. */
    public static final int VALUE_CHANGED = 1;
    /** {@code ETIMEDOUT}: the relative timeout passed. */
    public static final int TIMED_OUT = 2;
    /** {@code EINTR}: a signal interrupted the sleep. */
    public static final int INTERRUPTED = 3;
    /** Any other error ({@code EFAULT} on an unmapped address, {@code ENOSYS}, ...): do not retry in a loop. */
    public static final int FAILED = 4;

    static final Logger LOG = Logger.getLogger("io.mmipc.wait");

    private static final int FUTEX_WAIT = 0;
    private static final int FUTEX_WAKE = 1;
    private static final int MEMBARRIER_CMD_QUERY = 0;
    private static final int MEMBARRIER_CMD_GLOBAL_EXPEDITED = 2;
    private static final int MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED = 4;
    // asm-generic errno values: the same on x86-64 and aarch64.
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int ETIMEDOUT = 110;

    private static final int UNLOADED = 0;
    private static final int LOADING = 1;
    private static final int READY = 2;
    private static final int UNAVAILABLE = 3;

    private static final boolean SLEEPS_ENABLED =
        !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    private static final AtomicInteger STATE = new AtomicInteger(UNLOADED);
    private static final AtomicInteger FAILURES_LOGGED = new AtomicInteger();
    private static final Object LOAD_LOCK = new Object();
    private static volatile String status = "not loaded yet";
    /** This process is registered for {@code MEMBARRIER_CMD_GLOBAL_EXPEDITED}: its fenceless publishers may skip the fence. */
    private static volatile boolean barrierRegistered;
    /** The kernel runs {@code MEMBARRIER_CMD_GLOBAL_EXPEDITED}: a sleeper issues it after registering. */
    private static volatile boolean barrierAvailable;
    private static long sysMembarrier = -1;
    private static volatile boolean disabledLogged;
    private static long sysFutex;

    private Futex()
    {
    }

    /**
     * @return true once the futex works in this JVM; the first call starts loading it in the
     *         background and answers false until that is done.
     */
    public static boolean ready()
    {
        final int state = STATE.get();
        if (state == READY)
        {
            return true;
        }
        if (state == UNLOADED && STATE.compareAndSet(UNLOADED, LOADING))
        {
            final Thread loader = new Thread(Futex::load, "mmipc-futex-load");
            loader.setDaemon(true);
            loader.start();
        }
        return false;
    }

    /**
     * @return true when this JVM's waits may sleep in the kernel: the futex is {@link #ready()} and
     *         {@value #PROPERTY} is not {@code false}.
     */
    public static boolean sleepsAllowed()
    {
        if (!SLEEPS_ENABLED)
        {
            if (!disabledLogged)
            {
                disabledLogged = true;
                LOG.info(PROPERTY + "=false: waits in this JVM back off (spin, yield, park) instead of " +
                    "sleeping on a futex; they still wake other processes' sleepers");
            }
            return false;
        }
        return ready();
    }

    /**
     * @return false only when this JVM's waits can never sleep in the kernel ({@value #PROPERTY}
     *         is {@code false}, or the futex could not be had); true while it is still loading.
     *         Publishers must be told to signal from the first wait for which this is true.
     */
    public static boolean sleepsPossible()
    {
        return SLEEPS_ENABLED && STATE.get() != UNAVAILABLE;
    }

    /**
     * Loads the futex now, on this thread, if it is not loaded yet.
     *
     * @return true when the futex works in this JVM.
     */
    public static boolean loadNow()
    {
        if (STATE.get() == UNLOADED)
        {
            STATE.compareAndSet(UNLOADED, LOADING);
        }
        load();
        return STATE.get() == READY;
    }

    /**
     * @return how this JVM waits: "futex via JNA (...)", or why it cannot.
     */
    public static String status()
    {
        return status;
    }

    /**
     * @return true when this process is registered for the expedited global memory barrier, so
     *         that a publisher of a {@link WakeWord#ofFencelessPublisher fenceless} word needs no
     *         fence of its own: every sleeper's {@link #globalBarrier()} fences it. False until
     *         the futex is loaded (publishers then fence themselves).
     */
    static boolean barrierRegistered()
    {
        return barrierRegistered;
    }

    /**
     * {@code membarrier(MEMBARRIER_CMD_GLOBAL_EXPEDITED)}: every thread of every registered process
     * passes a full memory barrier (or a context switch) before this returns, so a store such a
     * thread made before its next load is visible to the caller, or that load sees what the caller
     * stored before this call. A no-op where the kernel has none: then nobody registered and every
     * publisher fences itself.
     */
    static void globalBarrier()
    {
        if (barrierAvailable && Libc.syscall(sysMembarrier, MEMBARRIER_CMD_GLOBAL_EXPEDITED, 0, 0, 0, 0, 0) != 0)
        {
            barrierAvailable = false; // cannot happen once the query said yes; fall back to sleeping in slices
            logFailure("membarrier", 0, Native.getLastError());
        }
    }

    /**
     * {@code FUTEX_WAIT}: sleeps while the word at {@code address} holds {@code expected}, at most
     * {@code timeoutNanos}. Only after {@link #ready()} said true.
     *
     * @return {@link #WOKEN}, {@link #VALUE_CHANGED}, {@link #TIMED_OUT}, {@link #INTERRUPTED} or {@link #FAILED}.
     */
    static int await(final long address, final int expected, final long timeoutNanos, final Timespec timeout)
    {
        timeout.set(timeoutNanos);
        final long result = Libc.syscall(sysFutex, address, FUTEX_WAIT, expected, timeout.address, 0, 0);
        if (result == 0)
        {
            return WOKEN;
        }
        final int errno = Native.getLastError();
        switch (errno)
        {
            case EAGAIN:
                return VALUE_CHANGED;
            case ETIMEDOUT:
                return TIMED_OUT;
            case EINTR:
                return INTERRUPTED;
            default:
                logFailure("FUTEX_WAIT", address, errno);
                return FAILED;
        }
    }

    /**
     * {@code FUTEX_WAKE} of every thread sleeping on the word at {@code address}, in any process.
     * Only after {@link #ready()} said true.
     *
     * @return how many were woken, or -1 when the call failed (logged once).
     */
    static int wakeAll(final long address)
    {
        final long result = Libc.syscall(sysFutex, address, FUTEX_WAKE, Integer.MAX_VALUE, 0, 0, 0);
        if (result < 0)
        {
            logFailure("FUTEX_WAKE", address, Native.getLastError());
            return -1;
        }
        return (int)result;
    }

    /**
     * libc's {@code syscall} for {@link FutexVector}; only after {@link #ready()} said true.
     *
     * @return the raw result; on -1, {@link #lastError()} holds errno.
     */
    static long syscall(final long number, final long a1, final long a2, final long a3, final long a4, final long a5)
    {
        return Libc.syscall(number, a1, a2, a3, a4, a5, 0);
    }

    /**
     * @return errno of this thread's last native call.
     */
    static int lastError()
    {
        return Native.getLastError();
    }

    /**
     * @return the {@code SYS_futex} number for this platform, or -1 where mmipc knows none.
     */
    static long syscallNumber(final String osName, final String osArch)
    {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux"))
        {
            return -1;
        }
        switch (osArch.toLowerCase(Locale.ROOT))
        {
            case "amd64":
            case "x86_64":
                return 202;
            case "aarch64":
                return 98;
            default:
                return -1;
        }
    }

    /**
     * @return the {@code SYS_membarrier} number for an architecture {@link #syscallNumber} knows.
     */
    static long membarrierNumber(final String osArch)
    {
        return "aarch64".equalsIgnoreCase(osArch) ? 283 : 324;
    }

    /**
     * Registers this process for the expedited global barrier where the kernel has it (Linux 4.16+),
     * so that the fenceless publishers of this process need no fence; logs once where it cannot.
     */
    private static void registerBarrier(final String arch)
    {
        sysMembarrier = membarrierNumber(arch);
        final long supported = Libc.syscall(sysMembarrier, MEMBARRIER_CMD_QUERY, 0, 0, 0, 0, 0);
        if (supported < 0 || (supported & MEMBARRIER_CMD_GLOBAL_EXPEDITED) == 0 ||
            (supported & MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED) == 0)
        {
            LOG.info("mmipc: membarrier(GLOBAL_EXPEDITED) unavailable (query " + supported + ", errno " +
                Native.getLastError() + "): lock releases fence themselves");
            return;
        }
        barrierAvailable = true;
        if (Libc.syscall(sysMembarrier, MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED, 0, 0, 0, 0, 0) == 0)
        {
            barrierRegistered = true;
        }
    }

    private static void load()
    {
        synchronized (LOAD_LOCK)
        {
            if (STATE.get() != LOADING)
            {
                return;
            }
            final String os = System.getProperty("os.name", "?");
            final String arch = System.getProperty("os.arch", "?");
            final long number = syscallNumber(os, arch);
            if (number < 0)
            {
                unavailable(Level.INFO, "no futex on " + os + "/" + arch, null);
                return;
            }
            try
            {
                sysFutex = number;
                Libc.touch();
                probe();
                registerBarrier(arch);
                status = "futex via JNA " + Native.VERSION + " (" + os + "/" + arch + ", SYS_futex=" + number + ", " +
                    (barrierRegistered ? "membarrier registered" : "no membarrier: releases fence") + ")";
                STATE.set(READY);
            }
            catch (final VirtualMachineError ex)
            {
                STATE.set(UNAVAILABLE);
                throw ex;
            }
            catch (final NoClassDefFoundError ex)
            {
                unavailable(Level.WARNING, "the futex could not be loaded through JNA: JNA is not on the class path (" +
                    ex.getMessage() + " missing)", null);
            }
            catch (final Throwable ex) // UnsatisfiedLinkError, JNA's own Errors, a failed probe
            {
                unavailable(Level.WARNING, "the futex could not be loaded through JNA (" + ex + ")", ex);
            }
        }
    }

    /**
     * A wake of a private word must wake nobody, and a wait for a value the word does not hold
     * must return at once with EAGAIN: then the call reaches the kernel's futex as we mean it.
     */
    private static void probe()
    {
        final ByteBuffer word = ByteBuffer.allocateDirect(Integer.BYTES).order(ByteOrder.nativeOrder());
        final long address = Pointer.nativeValue(Native.getDirectBufferPointer(word));
        final long woken = Libc.syscall(sysFutex, address, FUTEX_WAKE, Integer.MAX_VALUE, 0, 0, 0);
        if (woken != 0)
        {
            throw new IllegalStateException("probe FUTEX_WAKE returned " + woken + ", errno " + Native.getLastError());
        }
        final long waited = Libc.syscall(sysFutex, address, FUTEX_WAIT, 1, 0, 0, 0);
        final int errno = Native.getLastError();
        if (waited != -1 || errno != EAGAIN)
        {
            throw new IllegalStateException("probe FUTEX_WAIT for a value the word does not hold returned " + waited +
                ", errno " + errno + " (expected -1, EAGAIN " + EAGAIN + ")");
        }
    }

    private static void unavailable(final Level level, final String why, final Throwable cause)
    {
        status = why + "; waits back off (spin, yield, park) instead";
        STATE.set(UNAVAILABLE);
        LOG.log(level, "mmipc: " + status, cause);
    }

    static void logFailure(final String op, final long address, final int errno)
    {
        // Once per JVM: a failing call repeats at every wait, and its caller falls back to backing off.
        if (FAILURES_LOGGED.getAndIncrement() == 0)
        {
            LOG.warning("mmipc: " + op + " on address 0x" + Long.toHexString(address) + " failed with errno " + errno +
                "; that wait backs off instead (reported once)");
        }
    }

    /**
     * A relative {@code struct timespec} for {@code FUTEX_WAIT}, in native memory: one per waiting
     * thread, reused for every sleep (no allocation per wait).
     */
    static final class Timespec
    {
        private static final long NANOS_PER_SECOND = 1_000_000_000L;

        private final ByteBuffer memory = ByteBuffer.allocateDirect(2 * Long.BYTES).order(ByteOrder.nativeOrder());
        private final long address = Pointer.nativeValue(Native.getDirectBufferPointer(memory));

        void set(final long nanos)
        {
            final long clamped = Math.max(0, nanos);
            memory.putLong(0, clamped / NANOS_PER_SECOND);             // tv_sec (64-bit time_t)
            memory.putLong(Long.BYTES, clamped % NANOS_PER_SECOND);    // tv_nsec
        }
    }

    /**
     * libc's {@code syscall}, bound with JNA's direct mapping (no reflection, no allocation per
     * call). It is variadic in C, but on x86-64 and aarch64 Linux its integer arguments travel in
     * the same registers as a fixed six-argument call's, and glibc's implementation only moves
     * them into the kernel's registers.
     */
    private static final class Libc
    {
        static
        {
            Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        private Libc()
        {
        }

        static void touch()
        {
            // Initialising the class registers the native method.
        }

        static native long syscall(long number, long address, long op, long value, long timeout, long address2,
            long value3);
    }
}
