package io.mmipc.chronicle;

import io.mmipc.DurableLog;
import io.mmipc.IpcContext;
import io.mmipc.LogAppender;
import io.mmipc.LogTailer;
import io.mmipc.SharedMemory;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Writers and readers in separate JVMs, and what a kill -9 leaves behind.
 */
class CrossProcessLogTest
{
    static final int MESSAGE_LENGTH = 24;

    @TempDir
    Path root;

    /** Message {@code seq}: the sequence number, a value derived from it, and its complement. */
    static void encode(final UnsafeBuffer buffer, final long seq)
    {
        buffer.putLong(0, seq);
        buffer.putLong(8, seq * 31 + 13);
        buffer.putLong(16, ~seq);
    }

    static boolean intact(final DirectBuffer buffer, final int offset, final int length, final long seq)
    {
        return length == MESSAGE_LENGTH && buffer.getLong(offset) == seq && buffer.getLong(offset + 8) == seq * 31 + 13 &&
            buffer.getLong(offset + 16) == ~seq;
    }

    @Test
    @Timeout(300)
    void aMillionMessagesFromAWriterJvmArriveInOrderAndIntactAtAReaderJvm() throws Exception
    {
        final Path dir = root.resolve("log");
        DurableLog.open(dir).close();
        try (ChildJvm reader = Children.start(Reader.class, dir.toString(), "1000000");
             ChildJvm writer = Children.start(Writer.class, dir.toString(), "1000000"))
        {
            final String written = Children.finish(writer, Duration.ofSeconds(240));
            final String read = Children.finish(reader, Duration.ofSeconds(240));
            assertTrue(written.contains("appended 1000000"), written);
            assertTrue(read.contains("read 1000000 in order, 0 damaged"), read);
        }
    }

    @Test
    @Timeout(300)
    void killingTheWriterMidStreamLosesNoReturnedAppendAndAppendingContinues() throws Exception
    {
        final Path dir = root.resolve("log");
        try (IpcContext ctx = IpcContext.create(root.resolve("ctx")))
        {
            final SharedMemory progress = ctx.sharedMemory("progress", 64);
            progress.putLongRelease(0, -1);
            try (ChildJvm writer = Children.start(Writer.class, dir.toString(), "-1", ctx.directory().toString()))
            {
                Children.await("the writer to append 100000 messages", Duration.ofSeconds(120),
                    () -> progress.getLongAcquire(0) >= 100_000 || !writer.isAlive());
                assertTrue(writer.isAlive(), () -> writer.stdout() + writer.stderr());
                writer.kill();
                writer.waitFor(Duration.ofSeconds(30));
            }
            final long returned = progress.getLongAcquire(0);
            try (DurableLog log = DurableLog.open(dir); LogTailer tailer = log.tailer(); LogAppender appender = log.appender())
            {
                final long[] next = {0};
                final boolean[] damaged = {false};
                while (tailer.poll((b, o, l, i) -> damaged[0] |= !intact(b, o, l, next[0]++)))
                {
                    assertFalse(damaged[0], "message " + (next[0] - 1) + " is damaged");
                }
                final long readable = next[0];
                assertTrue(readable > returned, "every append that returned is readable: returned up to " + returned +
                    ", readable " + readable);
                final long lastBefore = log.lastIndex();
                assertEquals(lastBefore, tailer.lastReadIndex());

                final UnsafeBuffer message = new UnsafeBuffer(new byte[MESSAGE_LENGTH]);
                encode(message, readable);
                final long index = appender.append(message, 0, MESSAGE_LENGTH);
                assertTrue(index > lastBefore, Long.toHexString(index) + " after " + Long.toHexString(lastBefore));
                assertTrue(tailer.poll((b, o, l, i) -> assertTrue(intact(b, o, l, readable) && i == index)),
                    "the new message follows the last one");
            }
        }
    }

    @Test
    @Timeout(300)
    void aKilledNamedTailerResumesWithNoDuplicateAndNoGap() throws Exception
    {
        final Path dir = root.resolve("log");
        try (IpcContext ctx = IpcContext.create(root.resolve("ctx"));
             DurableLog log = DurableLog.open(dir);
             LogAppender appender = log.appender())
        {
            final SharedMemory progress = ctx.sharedMemory("progress", 64);
            progress.putLongRelease(0, -1);
            final UnsafeBuffer message = new UnsafeBuffer(new byte[MESSAGE_LENGTH]);
            long seq = 0;
            try (ChildJvm consumer = Children.start(Consumer.class, dir.toString(), ctx.directory().toString(), "-1"))
            {
                // Keep appending while it consumes, so that the kill lands mid-stream.
                final long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (progress.getLongAcquire(0) < 5_000 && consumer.isAlive() && System.nanoTime() < deadline)
                {
                    encode(message, seq++);
                    appender.append(message, 0, MESSAGE_LENGTH);
                    if ((seq & 255) == 0)
                    {
                        Thread.sleep(1);
                    }
                }
                assertTrue(consumer.isAlive(), () -> consumer.stdout() + consumer.stderr());
                consumer.kill();
                consumer.waitFor(Duration.ofSeconds(30));
            }
            assertTrue(progress.getLongAcquire(0) >= 5_000, "the consumer got under way before the kill");
            assertTrue(progress.getLongAcquire(0) < seq - 1, "and had not caught up with the writer");
            final long total = seq + 20_000;
            while (seq < total)
            {
                encode(message, seq++);
                appender.append(message, 0, MESSAGE_LENGTH);
            }

            final long[] acked = {-1};
            try (LogTailer probe = log.tailer("consumer"); LogTailer any = log.tailer())
            {
                assertTrue(any.moveTo(probe.ackedIndex()));
                assertTrue(any.poll((b, o, l, i) -> acked[0] = b.getLong(o)));
            }
            final long ackedSeq = acked[0];
            final String out = Children.run(Duration.ofSeconds(120), Consumer.class, dir.toString(),
                ctx.directory().toString(), Long.toString(total - 1));
            assertTrue(out.contains("first " + (ackedSeq + 1) + "\n"), "resumes right after the acknowledged message " +
                ackedSeq + ":\n" + out);
            assertTrue(out.contains("consumed up to " + (total - 1) + " in order"), out);
        }
    }

    @Test
    @Timeout(120)
    void aLogTravelsToAChildJvmAsASmallHandle() throws Exception
    {
        try (DurableLog log = DurableLog.open(root.resolve("log")); LogTailer tailer = log.tailer())
        {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes))
            {
                out.writeObject(log);
            }
            assertTrue(bytes.size() < 1024, "handle of " + bytes.size() + " bytes");
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())))
            {
                final DurableLog copy = (DurableLog)in.readObject();
                assertEquals(log.directory(), copy.directory());
                copy.close();
            }
            Children.run(Duration.ofSeconds(60), HandleUser.class, Base64.getEncoder().encodeToString(bytes.toByteArray()));
            assertEquals("appended by the child", tailer.poll(Codecs.utf8(), Duration.ofSeconds(10)));
        }
    }

    /** Appends {@code count} sequence-numbered messages (forever when -1), recording progress when given a context. */
    public static final class Writer
    {
        public static void main(final String[] args) throws Exception
        {
            final long count = Long.parseLong(args[1]);
            final SharedMemory progress = args.length > 2 ? IpcContext.open(Paths.get(args[2])).sharedMemory("progress") : null;
            try (DurableLog log = DurableLog.open(Paths.get(args[0])); LogAppender appender = log.appender())
            {
                final UnsafeBuffer message = new UnsafeBuffer(new byte[MESSAGE_LENGTH]);
                long seq = 0;
                for (; count < 0 || seq < count; seq++)
                {
                    encode(message, seq);
                    appender.append(message, 0, MESSAGE_LENGTH);
                    if (progress != null)
                    {
                        progress.putLongRelease(0, seq);
                    }
                }
                System.out.println("appended " + seq);
            }
        }
    }

    /** Tails until {@code count} messages arrived, checking order and content. */
    public static final class Reader
    {
        public static void main(final String[] args) throws Exception
        {
            final long count = Long.parseLong(args[1]);
            try (DurableLog log = DurableLog.open(Paths.get(args[0])); LogTailer tailer = log.tailer())
            {
                final long[] state = new long[2]; // next expected, damaged
                while (state[0] < count)
                {
                    if (!tailer.poll((b, o, l, i) -> state[1] += intact(b, o, l, state[0]++) ? 0 : 1, Duration.ofSeconds(60)))
                    {
                        throw new AssertionError("nothing for 60 s after " + state[0] + " messages");
                    }
                }
                System.out.println("read " + state[0] + " in order, " + state[1] + " damaged");
            }
        }
    }

    /** Consumes under the name "consumer", acknowledging each message; stops after {@code last} (never when -1). */
    public static final class Consumer
    {
        public static void main(final String[] args) throws Exception
        {
            final SharedMemory progress = IpcContext.open(Paths.get(args[1])).sharedMemory("progress");
            final long last = Long.parseLong(args[2]);
            try (DurableLog log = DurableLog.open(Paths.get(args[0])); LogTailer tailer = log.tailer("consumer"))
            {
                final long[] expected = {-1};
                while (last < 0 || expected[0] <= last)
                {
                    tailer.consume((b, o, l, i) ->
                    {
                        final long seq = b.getLong(o);
                        if (expected[0] < 0)
                        {
                            System.out.println("first " + seq);
                        }
                        else if (seq != expected[0])
                        {
                            throw new AssertionError("expected " + expected[0] + " got " + seq);
                        }
                        if (!intact(b, o, l, seq))
                        {
                            throw new AssertionError("message " + seq + " damaged");
                        }
                        expected[0] = seq + 1;
                    }, Duration.ofSeconds(60));
                    progress.putLongRelease(0, expected[0] - 1);
                    if (last >= 0 && expected[0] - 1 == last)
                    {
                        break;
                    }
                }
                System.out.println("consumed up to " + (expected[0] - 1) + " in order");
            }
        }
    }

    /** Re-opens a log from its serialized handle and appends to it. */
    public static final class HandleUser
    {
        public static void main(final String[] args) throws Exception
        {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(args[0]))))
            {
                final DurableLog log = (DurableLog)in.readObject();
                try (LogAppender appender = log.appender())
                {
                    appender.append("appended by the child", Codecs.utf8());
                }
            }
        }
    }
}
