/**
 * jcstress tests of the racy parts that every primitive stands on: the ownership word
 * ({@link io.mmipc.concurrency.OwnerWordTests}) and the ring's claim/commit publication
 * ({@link io.mmipc.concurrency.RingClaimCommitTests}, through Agrona's ring buffers).
 * <p>
 * {@code mvn verify} runs them briefly (one JVM configuration, one fork, 200 ms per test) through
 * {@link io.mmipc.concurrency.StressRun}, which fails the build when a test fails or does not run.
 * A longer run: {@code mvn verify -pl concurrency-tests -am -Djcstress.mode=tough -Djcstress.time=2000}
 * ({@code -Djcstress.tests=REGEX} selects tests); reports go to {@code target/jcstress}.
 */
package io.mmipc.concurrency;
