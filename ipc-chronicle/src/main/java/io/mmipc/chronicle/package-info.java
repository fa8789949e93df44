/**
 * The durable log ({@link io.mmipc.DurableLog}) on Chronicle Queue.
 *
 * <h2>Storage</h2>
 * A log is one Chronicle queue directory: one {@code *.cq4} file per roll cycle (daily by default;
 * {@link io.mmipc.LogRollCycle}) and {@code metadata.cq4t}, a mapped table of named 64-bit words
 * where Chronicle keeps its locks and mmipc keeps tailer positions, live readers and the log's
 * parameters ({@link io.mmipc.chronicle.TailerRegistry}), beside {@code ~mmipc-registry}, the
 * participant registry through which those words name the processes that hold readers and
 * names. Each message is one Chronicle document:
 * an 8-byte append time, then the payload ({@link io.mmipc.chronicle.LogMessageDescriptor}). The
 * directory is on disk: {@link io.mmipc.DurableLogConfig#defaultRoot()} is under the user's XDG
 * data directory, never {@code /dev/shm}.
 *
 * <h2>Durability</h2>
 * Appends write into the mapped file, so when {@code append} returns the message is in the page
 * cache: visible to every reader, kept if the writer is killed (the kernel owns those pages),
 * lost in a power cut unless synced ({@link io.mmipc.LogAppender#sync()},
 * {@link io.mmipc.DurableLogConfig.Builder#syncEveryAppend(boolean)}). A writer killed inside an
 * append leaves a half-written document that no reader sees; the next writer takes over
 * Chronicle's lock from the dead process and goes on after the last complete message.
 *
 * <h2>At-least-once delivery between processes</h2>
 * A producer appends; a consumer holds a named tailer and {@link io.mmipc.LogTailer#consume}s,
 * which acknowledges each message after the handler returned. Killed at any point, the consumer
 * restarts under the same name right after its last acknowledged message: nothing acknowledged
 * comes twice, nothing is skipped, and a message being processed at the kill comes again. To
 * feed a pool with this guarantee, give each worker process its own name and let it skip the
 * messages that are not its own (for example {@code index % workers != worker}), or have one
 * dispatcher consume the log and hand tasks to the pool, acknowledging each once its result is back.
 *
 * <h2>Containment</h2>
 * Chronicle loads only when a log is first opened: {@link io.mmipc.internal.spi.Providers} instantiates
 * {@link io.mmipc.chronicle.ChronicleDurableLogProvider} then, and its static initialiser switches
 * Chronicle's analytics off ({@code chronicle.analytics.disable=true}, whatever the command line
 * says) and quiets SLF4J when the application has no SLF4J provider, before any Chronicle class
 * loads. The JVM flags Chronicle needs on Java 17 are declared by
 * {@link io.mmipc.chronicle.ChronicleJvmRequirements} and given to tests, JMH forks and child JVMs.
 *
 * <h2>Damaged files</h2>
 * Chronicle Queue, on Java 17, extends a truncated queue file again with zeros and reads a
 * silently shorter log; touching a file truncated under its mapping raises an asynchronous
 * {@link java.lang.InternalError}. mmipc checks every queue file against the write position in its
 * header before Chronicle opens the directory, translates faults into a
 * {@link io.mmipc.DurableLogException} with reason {@code TRUNCATED} naming the file, records such
 * a file in the metadata, and refuses to open the log while it is there. Moving the damaged file
 * away opens the rest.
 */
package io.mmipc.chronicle;
