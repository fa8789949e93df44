package io.mmipc.agrona.queue;

import io.mmipc.IpcContext;
import io.mmipc.MessageQueue;
import io.mmipc.Pipe;
import io.mmipc.PipeOptions;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.file.Names;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Spill file names stay within the 255 bytes of a file name for every valid object name, owner
 * id and sequence number (issue 14).
 */
@Timeout(60)
class SpillFilesTest
{
    /** The longest valid object name. */
    static final String LONGEST_NAME = "q".repeat(Names.MAX_LENGTH - 1) + "9";

    @TempDir
    Path root;

    @Test
    void namesAtTheLimitsFitAFileNameAndStayDistinct() throws Exception
    {
        final Path objectFile = Files.createFile(root.resolve(LONGEST_NAME));
        final SpillFiles spill = new SpillFiles(objectFile, 1 << 20);
        final long[] ids = {1, 0xFFFF_FFFFL, Long.MAX_VALUE};
        final long[] sequences = {0, 1, 0xFFFF_FFFFL, Long.MAX_VALUE};
        final Set<String> names = new HashSet<>();
        for (final long id : ids)
        {
            for (final long seq : sequences)
            {
                final Path path = spill.path(id, seq);
                final String name = path.getFileName().toString();
                assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= Names.MAX_FILE_NAME_BYTES,
                    name.length() + " bytes: " + name);
                assertTrue(name.endsWith("~spill-" + Long.toHexString(id) + "-" + seq), name);
                assertEquals(objectFile.getParent(), path.getParent());
                assertEquals(path, spill.path(id, seq), "the same name in every process");
                names.add(name);
            }
        }
        assertEquals(ids.length * sequences.length, names.size(), "distinct ids and sequences give distinct names");
        Files.write(spill.path(Long.MAX_VALUE, Long.MAX_VALUE), new byte[]{1}); // the file system takes it
    }

    @ParameterizedTest(name = "oneToOne={0}")
    @ValueSource(booleans = {true, false})
    void aQueueWithTheLongestNameSpillsALargeMessage(final boolean oneToOne) throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<byte[]> q = ctx.queue(LONGEST_NAME, Codecs.bytes(), QueueTest.options(oneToOne));
            final byte[] big = payload(64 << 10);
            q.put(big);
            assertArrayEquals(big, q.take());
            assertNoSpillFileIn(ctx.directory());
        }
    }

    @Test
    void aPipeWithTheLongestNameSpillsALargeMessage() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Pipe<byte[]> pipe = ctx.pipe(LONGEST_NAME, Codecs.bytes(), PipeOptions.defaults().capacity(4096));
            final byte[] big = payload(64 << 10);
            pipe.end2().send(big);
            assertArrayEquals(big, pipe.end1().recv());
            assertNoSpillFileIn(ctx.directory());
        }
    }

    private static byte[] payload(final int length)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 7 + 3);
        }
        return bytes;
    }

    private static void assertNoSpillFileIn(final Path directory) throws Exception
    {
        try (Stream<Path> files = Files.list(directory))
        {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().contains("~spill-")).toList(),
                "the receiver removes the spill file");
        }
    }
}
