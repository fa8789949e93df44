/**
 * The {@link io.mmipc.Pool}'s machinery (internal): calls cut into batches, one dispatcher thread
 * that feeds each worker JVM through its own pipe and knows what every worker holds, and the
 * worker loop that runs in the child. Workers start through a {@link io.mmipc.internal.pool.WorkerLauncher}:
 * child JVMs of this one, or JVMs that an agent on another node starts (a network transport's
 * {@link io.mmipc.internal.spi.PoolAgentProvider}); the dispatcher sees both as a
 * {@link io.mmipc.internal.pool.WorkerProcess}.
 */
package io.mmipc.internal.pool;
