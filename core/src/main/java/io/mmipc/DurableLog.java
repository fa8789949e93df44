package io.mmipc;

import io.mmipc.internal.spi.DurableLogProvider;
import io.mmipc.internal.spi.Providers;

import java.nio.file.Path;

/**
 * An append-only message log on disk that writers and readers in any processes of one host share,
 * and that outlives them: messages that must survive a crash or a restart. It is stored as a
 * Chronicle Queue (module {@code mmipc-ipc-chronicle}); nothing of Chronicle loads until a log is
 * first opened.
 * <pre>{@code
 * try (DurableLog log = DurableLog.open(Path.of("/var/lib/app/orders"));
 *      LogAppender appender = log.appender();
 *      LogTailer tailer = log.tailer("billing")) {      // named: resumes where it was acknowledged
 *     long index = appender.append("order 1", Codecs.utf8());
 *     String order = tailer.take(Codecs.utf8());
 *     tailer.ack();
 * }
 * }</pre>
 * Every message has an index, increasing in append order (not contiguous across files). Tailers
 * read in that order, replay from the start, from an index or from a time.
 *
 * <h2>Durability</h2>
 * <ul>
 *   <li>When {@link LogAppender#append} returns, the message is in the file's mapped pages, that is
 *   in the OS page cache: readers in every process see it at once.</li>
 *   <li>A process kill (even {@code kill -9}) loses nothing whose append returned: the pages belong
 *   to the kernel, which writes them to disk in its own time (seconds).</li>
 *   <li>A power cut or kernel crash keeps only what was synced: {@link LogAppender#sync()} forces an
 *   appender's messages to disk, and {@link DurableLogConfig.Builder#syncEveryAppend(boolean)} does
 *   so on every append, at the cost of a disk flush each.</li>
 *   <li>A named tailer's acknowledgement is one store into the mapped metadata file: it survives a
 *   process kill; after a power cut an acknowledgement may be lost, so messages come again (never
 *   fewer).</li>
 * </ul>
 * A log directory is opened only when it is empty, absent, or holds a Chronicle queue; queue files
 * shorter than the data their header records (truncated behind the log's back) are refused with a
 * {@link DurableLogException} rather than read as a silently shorter log.
 * <p>
 * A log is {@link java.io.Serializable} as a small handle (its directory and parameters): a task
 * sent to another JVM re-opens it there.
 */
public interface DurableLog extends AutoCloseable
{
    /** The artifact that provides durable logs. */
    String MODULE = "mmipc-ipc-chronicle";

    /**
     * Creates or opens the log in {@code directory} with the default settings.
     */
    static DurableLog open(final Path directory)
    {
        return open(DurableLogConfig.builder(directory).build());
    }

    /**
     * Creates or opens the log {@code config} describes.
     */
    static DurableLog open(final DurableLogConfig config)
    {
        return Providers.get(DurableLogProvider.class, MODULE).open(config);
    }

    /**
     * @return the log's directory.
     */
    Path directory();

    DurableLogConfig config();

    /**
     * @return a new appender for the calling thread.
     */
    LogAppender appender();

    /**
     * @return a new anonymous tailer for the calling thread, at the start of the log.
     */
    LogTailer tailer();

    /**
     * Opens the named tailer: after its last acknowledged message, or at the start of the log for a
     * new name. Names are {@code [A-Za-z0-9._-]}.
     *
     * @throws IllegalStateException when another live process holds the name.
     */
    LogTailer tailer(String name);

    /**
     * Forgets a named tailer, so retention no longer keeps files for it.
     *
     * @return false when there was no such tailer.
     * @throws IllegalStateException when a live process holds it.
     */
    boolean removeTailer(String name);

    /**
     * @return the index of the first message still in the log, or -1 when it is empty.
     */
    long firstIndex();

    /**
     * @return the index of the last message appended (by any process), or -1 when it is empty.
     */
    long lastIndex();

    /**
     * Deletes the rolled files the retention rule lets go (never one a tailer still needs).
     *
     * @return the number of files deleted.
     */
    int applyRetention();

    boolean isClosed();

    /**
     * Closes this process's view of the log and its appenders and tailers; the files stay.
     */
    @Override
    void close();
}
