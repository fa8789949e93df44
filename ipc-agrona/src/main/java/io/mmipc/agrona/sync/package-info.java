/**
 * Shared values, arrays and synchronisation objects on mapped files: the implementation behind
 * {@link io.mmipc.IpcContext#intValue}, {@link io.mmipc.IpcContext#lock} and their siblings,
 * found through {@link io.mmipc.internal.spi.SyncProvider}.
 *
 * <h2>Files and records</h2>
 * Every object is one file of its context directory, named as the user named it, with the
 * standard header (kind {@code VALUE}, {@code ARRAY} or {@code SYNC}; the element type or the
 * synchronisation type in the type tag; length, permits or parties in the parameters), so that
 * opening it as something else is refused before anything is mapped. The body is made of
 * 128-byte records, as in Agrona's {@code CountersManager}: a value and its lock each sit alone on
 * their record, and every word that different processes write for different reasons has a
 * record of its own. The layouts are in the {@code *Descriptor} classes.
 *
 * <h2>Owners and the participant registry</h2>
 * A lock is one 64-bit owner word ({@link io.mmipc.internal.owner.OwnerWordDescriptor}), taken
 * with one CAS and handled by {@link io.mmipc.internal.owner.OwnerWord}, the ownership algorithm
 * that queues, pipes and the durable log use too; {@link io.mmipc.agrona.sync.LockCore} adds the
 * hold count of reentrant locks and blocking. The owner is named by a token (entry index and
 * generation) in the directory's participant registry
 * ({@link io.mmipc.internal.owner.ParticipantRegistry}), where each JVM that takes part in the
 * directory's locks or barriers records its pid and process start time, plus the low 32 bits of
 * the owning thread's id and seven check bits. A waiter that sees the same owner for ten
 * milliseconds looks the token up: when the process is gone (a zombie counts as gone; so does
 * a process that started at another time: pid reuse), it takes the lock over with one CAS and
 * the died flag, which {@link io.mmipc.SharedLock#previousOwnerDied()} reports to the new holder.
 * A word whose check bits do not match was not written by mmipc: it is a
 * {@link io.mmipc.SharedStateCorruptedException}, never a wait.
 *
 * <h2>Dead processes</h2>
 * <ul>
 *   <li>Lock, RLock (and every value's lock): taken over by the next acquirer within about ten
 *   milliseconds of polling; all the holds of a reentrant lock go at once.</li>
 *   <li>Semaphore: permits have no owner (any process may release), so a dead process's
 *   permits stay taken; use timed acquires where that must not block forever.</li>
 *   <li>Barrier: a process that dies while waiting breaks the barrier for the others
 *   ({@link java.util.concurrent.BrokenBarrierException}); one that dies before arriving looks
 *   like a slow party until a timeout breaks the barrier.</li>
 *   <li>Condition: a dead waiter costs at most one spurious wake-up for a live one.</li>
 *   <li>Event, values, arrays: no owner, nothing to recover.</li>
 * </ul>
 *
 * <h2>Waiting</h2>
 * Every blocking call loops on its non-blocking attempt and waits between attempts through
 * {@link io.mmipc.internal.wait.Waiter}, one per thread and object ({@link io.mmipc.agrona.sync.Waiters}),
 * with the object's {@link org.agrona.concurrent.IdleStrategy} from {@link io.mmipc.Idle}
 * (default: spin, yield, then park up to a millisecond), configurable per object with
 * {@code idle(...)}. Every wait has a timed form and honours interrupts, except {@code lock()},
 * {@code acquireUninterruptibly()} and {@code awaitUninterruptibly()}, which keep the interrupt
 * status for after.
 *
 * <h2>Handles</h2>
 * Every object serializes as an {@link io.mmipc.internal.spi.Handle} (directory, name, kind, the
 * length, permits or parties, and for a condition or a value's lock the handle of its lock or
 * value); {@link io.mmipc.agrona.sync.AgronaSyncProvider} re-opens the existing file, checking
 * kind and parameters, and the core keeps one object per handle and JVM.
 *
 * <h2>Cost</h2>
 * Every access enters the file's close guard: free of atomic instructions for the thread that
 * opened the object, two atomics for other threads. Open an object in the thread that uses it
 * most (handles re-open in the thread that deserializes them).
 */
package io.mmipc.agrona.sync;
