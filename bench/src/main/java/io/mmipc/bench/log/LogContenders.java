package io.mmipc.bench.log;

import io.mmipc.DurableLog;
import io.mmipc.LogAppender;
import io.mmipc.LogTailer;
import io.mmipc.internal.spi.DurableLogProvider;
import io.mmipc.internal.spi.Providers;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The contenders of the durable-log benchmarks, by name:
 * <ul>
 *   <li>{@code mmipc-log}: mmipc's {@link DurableLog}, zero-copy append and handler reads;</li>
 *   <li>{@code chronicle}: Chronicle Queue used directly, the same way (one document per message,
 *   the payload copied from the same off-heap buffer), with the same roll cycle and block size.</li>
 * </ul>
 * To add one (the shared-memory Queue, say): implement {@link LogContender}, add a case to
 * {@link #open} and its name to the {@code @Param} lists of the benchmarks.
 */
final class LogContenders
{
    static final String MMIPC_LOG = "mmipc-log";
    static final String CHRONICLE = "chronicle";
    static final int MESSAGE_LENGTH = 64;

    /** Where benchmark logs go: on disk, as durable logs should be. */
    static final String DIR_PROPERTY = "mmipc.bench.logdir";

    private LogContenders()
    {
    }

    /**
     * @param writeTo the channel this process appends to, or null.
     * @param readFrom the channel this process reads, or null.
     */
    static LogContender open(final String name, final Path writeTo, final Path readFrom)
    {
        switch (name)
        {
            case MMIPC_LOG:
                return new MmipcLog(writeTo, readFrom);
            case CHRONICLE:
                return new RawChronicle(writeTo, readFrom);
            default:
                throw new IllegalArgumentException("unknown contender " + name + "; known: " + MMIPC_LOG + ", " + CHRONICLE);
        }
    }

    static Path newDirectory(final String prefix)
    {
        try
        {
            final Path base = Paths.get(System.getProperty(DIR_PROPERTY, System.getProperty("java.io.tmpdir")));
            return Files.createTempDirectory(Files.createDirectories(base), prefix);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static void delete(final Path dir)
    {
        if (dir == null || !Files.exists(dir))
        {
            return;
        }
        try
        {
            Files.walkFileTree(dir, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException
                {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(final Path d, final IOException ex) throws IOException
                {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static final class MmipcLog implements LogContender
    {
        private final DurableLog out;
        private final DurableLog in;
        private final LogAppender appender;
        private final LogTailer tailer;
        private long value;
        private final io.mmipc.LogHandler handler = this::onMessage;

        MmipcLog(final Path writeTo, final Path readFrom)
        {
            out = writeTo != null ? DurableLog.open(writeTo) : null;
            in = readFrom != null ? DurableLog.open(readFrom) : null;
            appender = out != null ? out.appender() : null;
            tailer = in != null ? in.tailer() : null;
        }

        private void onMessage(final DirectBuffer buffer, final int offset, final int length, final long index)
        {
            value = buffer.getLong(offset);
        }

        @Override
        public void append(final UnsafeBuffer message)
        {
            appender.append(message, 0, MESSAGE_LENGTH);
        }

        @Override
        public long poll()
        {
            return tailer.poll(handler) ? value : -1;
        }

        @Override
        public void close()
        {
            if (out != null)
            {
                out.close();
            }
            if (in != null)
            {
                in.close();
            }
        }
    }

    private static final class RawChronicle implements LogContender
    {
        static
        {
            // Chronicle's analytics and SLF4J settings, prepared as mmipc does before Chronicle loads.
            Providers.get(DurableLogProvider.class, DurableLog.MODULE);
        }

        private final SingleChronicleQueue out;
        private final SingleChronicleQueue in;
        private final ExcerptAppender appender;
        private final ExcerptTailer tailer;

        RawChronicle(final Path writeTo, final Path readFrom)
        {
            out = writeTo != null ? queue(writeTo) : null;
            in = readFrom != null ? queue(readFrom) : null;
            appender = out != null ? out.createAppender() : null;
            tailer = in != null ? in.createTailer() : null;
        }

        private static SingleChronicleQueue queue(final Path dir)
        {
            return SingleChronicleQueueBuilder.binary(dir).rollCycle(RollCycles.FAST_DAILY).build();
        }

        @Override
        public void append(final UnsafeBuffer message)
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().unsafeWrite(message.addressOffset(), MESSAGE_LENGTH);
            }
        }

        @Override
        public long poll()
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                return dc.isPresent() ? dc.wire().bytes().readLong() : -1;
            }
        }

        @Override
        public void close()
        {
            if (appender != null)
            {
                appender.close();
            }
            if (tailer != null)
            {
                tailer.close();
            }
            if (out != null)
            {
                out.close();
            }
            if (in != null)
            {
                in.close();
            }
        }
    }
}
