/**
 * mmipc's public API: Python's {@code multiprocessing} for JVM processes on one host, with every
 * shared object in a memory-mapped file.
 * <p>
 * Start at {@link io.mmipc.IpcContext}: a directory where processes meet, and the factory of the
 * shared objects in it (queues, pipes, values, arrays, locks, the shared dict, shared memory,
 * pools, durable logs). {@link io.mmipc.JvmProcess} is Python's {@code Process}; {@link io.mmipc.Pool}
 * is its {@code Pool}; {@link io.mmipc.JoinableQueue} its {@code JoinableQueue}, and
 * {@link io.mmipc.Connection#wait Connection.wait} its {@code multiprocessing.connection.wait}.
 * Objects are created-or-opened by name; a task sent to a child JVM carries
 * the objects it captures as small handles that re-open there.
 * <p>
 * JVM flags: every JVM that uses mmipc needs
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} (Agrona reads
 * {@code jdk.internal.misc.Unsafe}); the durable log needs Chronicle Queue's flags too. Both are
 * checked before anything is created, with a message naming what is missing.
 * <p>
 * The exceptions of this package say what went wrong with a shared object and name its file:
 * {@link io.mmipc.SharedFileException} (a file that cannot be used as asked),
 * {@link io.mmipc.SharedStateCorruptedException}, {@link io.mmipc.PoolTaskException},
 * {@link io.mmipc.WorkerDiedException}, {@link io.mmipc.DurableLogException}.
 */
package io.mmipc;
