/**
 * The {@link io.mmipc.Pool}'s machinery (internal): calls cut into batches, one dispatcher thread
 * that feeds each worker JVM through its own pipe and knows what every worker holds, and the
 * worker loop that runs in the child.
 */
package io.mmipc.internal.pool;
