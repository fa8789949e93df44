package io.mmipc.internal.wait;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Process exits as a {@link Waitable}: the JDK completes a process's {@code onExit()} future when
 * it has reaped the process; a callback registered once per process signals one wake word of this
 * JVM, in a direct buffer, on which waits for processes sleep (beside the words of their other
 * objects). Every exit wakes every such wait of this JVM, which then re-checks its own: exits are
 * rare. A process is ready once its future is done, so {@code kill -9} counts as soon as the JDK
 * has reaped the child (a zombie is not yet ready).
 */
public final class ProcessExits
{
    private static final WakeWord EXITED = WakeWord.of(
        new UnsafeBuffer(BufferUtil.allocateDirectAligned(WakeWordDescriptor.SLOT_LENGTH, WakeWordDescriptor.SLOT_LENGTH)),
        0);
    /**
     * One future (and one callback) per process object, forgotten with the object. The future is
     * held weakly too (a {@code Process}'s completes with the process: a strong value would keep
     * its key); until the exit the JDK's reaper holds it, and after, a new one is done at once.
     */
    private static final Map<Object, WeakReference<CompletableFuture<?>>> FUTURES =
        Collections.synchronizedMap(new WeakHashMap<>());

    private ProcessExits()
    {
    }

    /**
     * @param process what the caller waits for (a {@code Process}, a {@code ProcessHandle}, a
     *                {@code JvmProcess}): the key under which the future is kept.
     * @param onExit  makes its exit future, the first time only.
     * @return a waitable that is ready once that future is done.
     */
    public static Waitable of(final Object process, final Supplier<CompletableFuture<?>> onExit)
    {
        Objects.requireNonNull(process, "process");
        final CompletableFuture<?> future;
        synchronized (FUTURES)
        {
            final WeakReference<CompletableFuture<?>> known = FUTURES.get(process);
            final CompletableFuture<?> cached = known == null ? null : known.get();
            if (cached != null)
            {
                future = cached;
            }
            else
            {
                future = onExit.get();
                future.whenComplete((result, failure) -> EXITED.signal());
                FUTURES.put(process, new WeakReference<>(future));
            }
        }
        return new Waitable()
        {
            @Override
            public WakeWord enterWait(final boolean maySleep)
            {
                return EXITED;
            }

            @Override
            public int readiness(final boolean check)
            {
                return future.isDone() ? READY : IDLE;
            }

            @Override
            public void exitWait()
            {
                // the word lives as long as this class
            }

            @Override
            public String toString()
            {
                return "exit of " + process;
            }
        };
    }

    /**
     * @return the word every exit signals, for its counters.
     */
    static WakeWord word()
    {
        return EXITED;
    }
}
