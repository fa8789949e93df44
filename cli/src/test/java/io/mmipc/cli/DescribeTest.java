package io.mmipc.cli;

import io.mmipc.IpcContext;
import io.mmipc.MessageQueue;
import io.mmipc.SharedLock;
import io.mmipc.agrona.sync.LockDescriptor;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.file.SharedFileSpec;
import io.mmipc.internal.file.SharedFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code mmipc describe} on sound files and on each way a file can be damaged.
 */
class DescribeTest
{
    @TempDir
    Path tmp;

    private IpcContext ctx;
    private Path queue;
    private Path lock;

    @BeforeEach
    void makeObjects()
    {
        ctx = IpcContext.builder().root(tmp.resolve("root")).name("objects").build();
        final MessageQueue<String> q = ctx.queue("jobs", Codecs.utf8());
        assertTrue(q.offer("hello"));
        queue = q.path();
        final SharedLock l = ctx.lock("lock");
        lock = ctx.directory().resolve("lock");
        assertTrue(Files.exists(lock));
        assertNotNull(l);
    }

    @AfterEach
    void close()
    {
        ctx.close();
    }

    @Test
    void describesASoundQueueWithNamedParameters() throws IOException
    {
        final Cli.Result text = Cli.run("describe", queue.toString());
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.out().contains("queue n:n (QUEUE_MANY_TO_MANY, code 11)"), text::toString);
        assertTrue(text.out().contains("capacity=1048576"), text::toString);
        assertTrue(text.out().contains("type tag           utf8"), text::toString);
        assertTrue(text.out().contains("pid " + ProcessHandle.current().pid() + " (alive)"), text::toString);
        assertTrue(text.out().contains("status             OK"), text::toString);

        final Map<String, Object> json = Cli.run("describe", "--json", "objects/jobs", "--root",
            tmp.resolve("root").toString()).jsonObject();
        assertEquals("QUEUE_MANY_TO_MANY", json.get("kind"));
        assertEquals((long)io.mmipc.internal.file.SharedFileDescriptor.LAYOUT_VERSION, json.get("layoutVersion"));
        assertEquals(1048576L, ((Map<?, ?>)json.get("params")).get("capacity"));
        assertEquals(ProcessHandle.current().pid(), json.get("creatorPid"));
        assertEquals(true, json.get("creatorAlive"));
        assertEquals(false, json.get("damaged"));
        assertEquals(Files.size(queue), json.get("fileSize"));
    }

    @Test
    void namesATruncatedFile() throws IOException
    {
        final Path copy = copy(queue, "truncated");
        try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE))
        {
            channel.truncate(4096);
        }
        assertDamaged(copy, "TRUNCATED", "truncated");
    }

    @Test
    void namesABadMagic() throws IOException
    {
        final Path copy = copy(lock, "bad-magic");
        write(copy, 0, "NOTMMIPC".getBytes(StandardCharsets.US_ASCII));
        assertDamaged(copy, "NOT_MMIPC_FILE", "not an mmipc file");
        final Cli.Result text = Cli.run("describe", copy.toString());
        assertTrue(text.out().contains("the file starts with b'NOTMMIPC', mmipc files with b'MMIPC\\x00\\r\\n'"),
            text::toString);
    }

    @Test
    void namesAFutureVersion() throws IOException
    {
        final Path copy = copy(lock, "future");
        write(copy, SharedFileDescriptor.VERSION_OFFSET, le(99));
        final Cli.Result result = assertDamaged(copy, "UNSUPPORTED_VERSION", "unsupported layout version 99");
        assertTrue(result.out().contains("version   99 (this mmipc reads " + io.mmipc.internal.file.SharedFileDescriptor.LAYOUT_VERSION + ")"), result::toString);
        assertTrue(result.out().contains("lock (SYNC, code 22)"), "what it can still read is shown:\n" + result);
    }

    @Test
    void namesAnUnknownKind() throws IOException
    {
        final Path copy = copy(lock, "unknown-kind");
        write(copy, SharedFileDescriptor.KIND_OFFSET, le(999));
        assertDamaged(copy, "CORRUPT", "unknown object kind code 999");
    }

    @Test
    void namesAFileShorterThanItsLayout() throws IOException
    {
        final SharedFileSpec tooShortForALock = SharedFileSpec.builder(ObjectKind.SYNC, 16).typeTag("lock").build();
        try (SharedFile file = SharedFiles.create(ctx.directory(), "short", tooShortForALock))
        {
            assertNotNull(file);
        }
        assertDamaged(ctx.directory().resolve("short"), "LAYOUT",
            "length shorter than the layout: the body is 16 bytes, a lock needs " + LockDescriptor.RECORD_LENGTH);
    }

    @Test
    void namesAnEmptyFile() throws IOException
    {
        final Path empty = Files.createFile(tmp.resolve("empty"));
        assertDamaged(empty, "NOT_MMIPC_FILE", "not an mmipc file");
    }

    @Test
    @Timeout(30)
    void refusesAFifoWithoutOpeningIt() throws Exception
    {
        final Path fifo = tmp.resolve("fifo");
        final Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, mkfifo.exitValue());
        final Cli.Result result = Cli.run("describe", fifo.toString());
        assertEquals(ExitCodes.DAMAGED, result.exitCode(), result::toString);
        assertTrue(result.err().contains("is a FIFO, socket or device, not an mmipc file; not opened"), result::toString);
    }

    @Test
    void refusesADirectoryAndReportsAMissingFile()
    {
        final Cli.Result directory = Cli.run("describe", tmp.toString());
        assertEquals(ExitCodes.DAMAGED, directory.exitCode(), directory::toString);
        assertTrue(directory.err().contains("is a directory"), directory::toString);

        final Cli.Result missing = Cli.run("describe", tmp.resolve("missing").toString());
        assertEquals(ExitCodes.NOT_FOUND, missing.exitCode(), missing::toString);
    }

    /**
     * @param detail what the message must say (a part of it: core's wording may grow).
     */
    private Cli.Result assertDamaged(final Path file, final String reason, final String detail)
    {
        final Cli.Result text = Cli.run("describe", file.toString());
        assertEquals(ExitCodes.DAMAGED, text.exitCode(), text::toString);
        assertTrue(text.out().contains("DAMAGED: "), text::toString);
        assertTrue(text.out().contains(detail), text::toString);

        final Cli.Result json = Cli.run("describe", "--json", file.toString());
        assertEquals(ExitCodes.DAMAGED, json.exitCode(), json::toString);
        final Map<String, Object> parsed = json.jsonObject();
        assertEquals(true, parsed.get("damaged"));
        assertEquals(reason, parsed.get("reason"));
        final String problem = (String)((List<?>)parsed.get("problems")).get(0);
        assertTrue(problem.contains(detail), problem);
        return text;
    }

    private Path copy(final Path file, final String name) throws IOException
    {
        return Files.copy(file, tmp.resolve(name));
    }

    private static void write(final Path file, final long offset, final byte[] bytes) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    private static byte[] le(final int value)
    {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }
}
