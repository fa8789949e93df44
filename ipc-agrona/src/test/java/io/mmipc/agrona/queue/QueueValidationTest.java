package io.mmipc.agrona.queue;

import io.mmipc.IpcContext;
import io.mmipc.MessageQueue;
import io.mmipc.PipeOptions;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codecs;
import io.mmipc.SharedStateCorruptedException;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.SharedFileException;
import io.mmipc.SharedObjectMismatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Bad input: each a clear exception, never a hang, a crash or a corrupted ring.
 */
@Timeout(60)
class QueueValidationTest
{
    /** File offset of ring index 0 in a queue file. */
    static final int RING_FILE_OFFSET =
        SharedFileDescriptor.HEADER_LENGTH + QueueDescriptor.CHANNEL_OFFSET + ChannelDescriptor.RING_OFFSET;

    @TempDir
    Path root;

    @Test
    void aCapacityThatIsNotAPowerOfTwoOrTooSmallIsRefused()
    {
        final IllegalArgumentException notPower = assertThrows(IllegalArgumentException.class,
            () -> QueueOptions.defaults().capacity(3000));
        assertTrue(notPower.getMessage().contains("3000") && notPower.getMessage().contains("power of two"),
            notPower.getMessage());
        final IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
            () -> QueueOptions.defaults().capacity(512));
        assertTrue(small.getMessage().contains("512") && small.getMessage().contains("1024"), small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PipeOptions.defaults().capacity(1 << 31 >>> 1 | 1));
        assertThrows(IllegalArgumentException.class, () -> QueueOptions.defaults().maxMessageLength(0));
    }

    @Test
    void aPipeFileOpenedAsAQueueIsRefused()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            ctx.pipe("p", Codecs.utf8());
            final SharedObjectMismatchException created = assertThrows(SharedObjectMismatchException.class,
                () -> ctx.queue("p", Codecs.utf8()));
            assertEquals(SharedFileException.Reason.WRONG_KIND, ((SharedFileException)created.getCause()).reason());
            assertTrue(created.getMessage().contains("PIPE"), created.getMessage());
            final SharedObjectMismatchException opened = assertThrows(SharedObjectMismatchException.class,
                () -> ctx.openQueue("p", Codecs.utf8()));
            assertEquals(SharedFileException.Reason.WRONG_KIND, ((SharedFileException)opened.getCause()).reason());

            ctx.queue("q", Codecs.utf8());
            final SharedObjectMismatchException asPipe = assertThrows(SharedObjectMismatchException.class,
                () -> ctx.openPipe("q", Codecs.utf8()));
            assertEquals(SharedFileException.Reason.WRONG_KIND, ((SharedFileException)asPipe.getCause()).reason());
        }
    }

    @Test
    void reopeningWithOtherParametersNamesTheDifference()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            ctx.queue("q", Codecs.utf8(), QueueOptions.defaults().capacity(4096));
            final SharedObjectMismatchException capacity = assertThrows(SharedObjectMismatchException.class,
                () -> ctx.queue("q", Codecs.utf8(), QueueOptions.defaults().capacity(8192)));
            assertTrue(capacity.getMessage().contains("capacity is 4096 in the file, 8192 requested"),
                capacity.getMessage());
            assertEquals(List.of("capacity", "4096", "8192"),
                List.of(capacity.parameter(), capacity.fileValue(), capacity.requestedValue()));
            final SharedObjectMismatchException codec = assertThrows(SharedObjectMismatchException.class,
                () -> ctx.queue("q", Codecs.int64(), QueueOptions.defaults().capacity(4096)));
            assertTrue(codec.getMessage().contains("\"utf8\" in the file"), codec.getMessage());
            final SharedObjectMismatchException kind = assertThrows(SharedObjectMismatchException.class,
                () -> ctx.queue("q", Codecs.utf8(), QueueOptions.defaults().capacity(4096).oneToOne(true)));
            assertEquals(SharedFileException.Reason.WRONG_KIND, kind.reason());
            assertEquals(ctx.directory().resolve("q") + ": holds another kind of object: kind is QUEUE_MANY_TO_MANY " +
                "in the file, QUEUE_ONE_TO_ONE requested; this queue is many-to-many: open it with " +
                "openQueue(name, codec), which reads the kind from the file, or ask for " +
                "QueueOptions.defaults().oneToOne(false)", kind.getMessage());
            assertEquals(4096, ctx.openQueue("q", Codecs.utf8()).capacity(), "open takes the file's parameters");
        }
    }

    /**
     * Files of the layout before owner words (parameter 3 absent, so 0) are refused by name:
     * their process tokens would be misread as owner words.
     */
    @Test
    void aQueueOrPipeFileOfAnotherLayoutVersionIsRefused() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Path queue = ctx.queue("q", Codecs.utf8()).path();
            final Path pipe = ctx.pipe("p", Codecs.utf8()).path();
            for (final Path file : new Path[]{queue, pipe})
            {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
                {
                    channel.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 0),
                        SharedFileDescriptor.paramOffset(QueueDescriptor.PARAM_LAYOUT));
                }
            }
            final UncheckedIOException opened = assertThrows(UncheckedIOException.class,
                () -> ctx.openQueue("q", Codecs.utf8()));
            assertEquals(SharedFileException.Reason.UNSUPPORTED_VERSION, ((SharedFileException)opened.getCause()).reason());
            assertTrue(opened.getMessage().contains("layout version 0") && opened.getMessage().contains(queue.toString()),
                opened.getMessage());
            final SharedObjectMismatchException created = assertThrows(SharedObjectMismatchException.class,
                () -> ctx.queue("q", Codecs.utf8()));
            assertTrue(created.getMessage().contains("queue layout version is 0 in the file, " +
                QueueDescriptor.LAYOUT_VERSION + " requested"), created.getMessage());
            final UncheckedIOException openedPipe = assertThrows(UncheckedIOException.class,
                () -> ctx.openPipe("p", Codecs.utf8()));
            assertEquals(SharedFileException.Reason.UNSUPPORTED_VERSION,
                ((SharedFileException)openedPipe.getCause()).reason());
        }
    }

    @ParameterizedTest(name = "oneToOne={0}")
    @ValueSource(booleans = {true, false})
    void aLengthWordPastTheRingIsAnExceptionNamingFileAndOffset(final boolean oneToOne) throws Exception
    {
        corruptSecondRecord(oneToOne, 0x7FFF_FFF0, null, "does not fit");
    }

    @ParameterizedTest(name = "oneToOne={0}")
    @ValueSource(booleans = {true, false})
    void aLengthWordInsideTheRingButWrongFailsItsCheck(final boolean oneToOne) throws Exception
    {
        corruptSecondRecord(oneToOne, 24, null, "fails its check");
        corruptSecondRecord(oneToOne, 1024, null, "fails its check");
    }

    @ParameterizedTest(name = "oneToOne={0}")
    @ValueSource(booleans = {true, false})
    void anOverwrittenTypeWordFailsItsCheck(final boolean oneToOne) throws Exception
    {
        corruptSecondRecord(oneToOne, null, 77, "fails its check");
    }

    @ParameterizedTest(name = "oneToOne={0}")
    @ValueSource(booleans = {true, false})
    void paddingPastTheProducersPositionIsAnException(final boolean oneToOne) throws Exception
    {
        corruptSecondRecord(oneToOne, 1024, -1, "past the producer's position");
    }

    /**
     * Sends three 8-byte messages (16-byte records), overwrites the header words of the second
     * (null leaves one as it is), and expects the first to arrive and the second to be refused,
     * every time it is asked for, with the offset of its header.
     */
    private void corruptSecondRecord(final boolean oneToOne, final Integer length, final Integer type, final String says)
        throws IOException, InterruptedException
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<Long> q = ctx.queue("bad", Codecs.int64(),
                QueueOptions.defaults().capacity(4096).oneToOne(oneToOne));
            q.put(1L);
            q.put(2L);
            q.put(3L);
            final long offset = RING_FILE_OFFSET + 16;
            try (FileChannel channel = FileChannel.open(q.path(), StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                if (length != null)
                {
                    channel.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, length), offset);
                }
                if (type != null)
                {
                    channel.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, type), offset + 4);
                }
            }
            assertEquals(1L, q.poll());
            for (int attempt = 0; attempt < 2; attempt++)
            {
                final SharedStateCorruptedException ex = assertThrows(SharedStateCorruptedException.class, q::poll);
                assertEquals(q.path(), ex.path());
                assertEquals(offset, ex.offset());
                assertTrue(ex.getMessage().contains(q.path().toString()) && ex.getMessage().contains(says) &&
                    ex.getMessage().contains("offset " + offset), ex.getMessage());
            }
        }
    }
}
