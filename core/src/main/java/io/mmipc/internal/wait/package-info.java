/**
 * How mmipc waits for another process, in one place.
 * <p>
 * Every blocking call loops on its own non-blocking attempt and calls {@link
 * io.mmipc.internal.wait.Waiter#idle()} between attempts. A wait spins briefly, yields, and then
 * sleeps in the kernel on a Linux futex on a 32-bit word in the shared file (a {@link
 * io.mmipc.internal.wait.WakeWord}, laid out by {@link io.mmipc.internal.wait.WakeWordDescriptor}:
 * one per condition a primitive waits for). The side that publishes calls {@link
 * io.mmipc.internal.wait.WakeWord#signal()}: one atomic add, and a {@code FUTEX_WAKE} system call
 * only when the word's sleepers flag says someone sleeps, so a busy channel makes no system call.
 * The flag is set before the waiter's last re-check and cleared by the publisher that wakes, so no
 * wake-up is lost, and a sleeper killed with {@code kill -9} costs one spare wake.
 * <p>
 * A futex sleep lasts at most {@link io.mmipc.internal.wait.Waiter#SLICE_NANOS} (10 ms): Java
 * interrupts are seen within a slice, deadlines exactly. Busy-spinning ({@code Idle.busySpin()})
 * never sleeps in the kernel. Where the futex cannot be had (not Linux on x86-64 or aarch64, JNA
 * missing) or {@code -Dmmipc.wait.futex=false} is set, waits spin, yield and park with growing
 * sleeps as before, and {@link io.mmipc.internal.wait.Futex} says so once in the log.
 * <p>
 * Wiring a primitive: give each condition a {@link io.mmipc.internal.wait.WakeWordDescriptor#SLOT_LENGTH}-byte
 * slot in its layout, make a {@link io.mmipc.internal.wait.WakeWord#of WakeWord} for it when the
 * file is opened, pass it to {@link io.mmipc.internal.wait.Waiter#begin(long, boolean,
 * io.mmipc.internal.wait.WakeWord) Waiter.begin}, and call {@code signal()} after each publication
 * that may end such a wait.
 * <p>
 * Waiting for whichever of several objects is ready first ({@code io.mmipc.Connection.wait}):
 * each object is a {@link io.mmipc.internal.wait.Waitable} naming its wake word;
 * {@link io.mmipc.internal.wait.WaitAny} arms them all through
 * {@link io.mmipc.internal.wait.Waiter#beginAny Waiter.beginAny} and sleeps on all of them in one
 * {@code futex_waitv} ({@link io.mmipc.internal.wait.FutexVector}), so publishers wake it as they
 * wake any sleeper, with no change on their side. Process exits signal a word of this JVM
 * ({@link io.mmipc.internal.wait.ProcessExits}).
 */
package io.mmipc.internal.wait;
