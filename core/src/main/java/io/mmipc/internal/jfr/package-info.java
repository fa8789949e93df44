/**
 * JFR events for the moments an operator wants on a timeline: an owner word taken over from a
 * dead holder ({@link io.mmipc.internal.jfr.LockTakenOver}), a queue claim skipped
 * ({@link io.mmipc.internal.jfr.ClaimSkipped}), a consumer side taken over
 * ({@link io.mmipc.internal.jfr.ConsumerTakenOver}), a pool worker that died
 * ({@link io.mmipc.internal.jfr.WorkerDied}) and corrupted shared state
 * ({@link io.mmipc.internal.jfr.CorruptionDetected}). Their names are {@code io.mmipc.*}, their
 * category "mmipc"; {@code jfr print --events io.mmipc.LockTakenOver rec.jfr} and Mission Control
 * read them.
 * <p>
 * Callers use the static methods of {@link io.mmipc.internal.jfr.MmipcEvents}, one line each: every
 * method returns at once unless a recording enables its event, so a JVM without JFR pays one
 * check of a final field on paths that are rare anyway.
 */
package io.mmipc.internal.jfr;
