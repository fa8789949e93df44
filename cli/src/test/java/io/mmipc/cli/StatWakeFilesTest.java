package io.mmipc.cli;

import io.mmipc.DurableLog;
import io.mmipc.DurableLogConfig;
import io.mmipc.IpcContext;
import io.mmipc.LogAppender;
import io.mmipc.Pool;
import io.mmipc.chronicle.LogWakeDescriptor;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.pool.PoolWakeDescriptor;
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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code describe} and {@code stat} on the wake files that hold no object of their own: a pool's
 * (its dispatcher sleeps on it between rounds) and a durable log's (blocked reads sleep on it),
 * made by a real pool with a worker JVM and a real log, and damaged copies of each.
 */
class StatWakeFilesTest
{
    @TempDir
    Path tmp;

    @Test
    @Timeout(180)
    void aPoolsWakeFileShowsItsDispatcherSleeping() throws Exception
    {
        try (IpcContext ctx = IpcContext.builder().root(tmp.resolve("root")).name("pooled").build())
        {
            final Pool pool = ctx.pool(1);
            try
            {
                assertEquals(List.of(1, 4, 9), pool.map(n -> n * n, List.of(1, 2, 3)));
                final Path wake = wakeFile(ctx.directory());
                final String name = wake.getFileName().toString();

                // An idle pool's dispatcher sleeps on the word: its sleeps counter moves.
                final Map<String, Object> object = awaitSleeps(ctx.directory(), name);
                assertEquals("pool wake", object.get("label"));
                assertEquals("POOL", object.get("kind"));
                assertEquals((long)PoolWakeDescriptor.LAYOUT_VERSION,
                    ((Map<?, ?>)object.get("params")).get("pool wake layout version"));
                assertEquals(List.of(), object.get("problems"));
                assertTrue(DescribeKindsTest.state(object).containsKey("sleepers"), object::toString);
                assertTrue((Long)DescribeKindsTest.state(object).get("wakes") >= 0, object::toString);

                final Cli.Result text = Cli.run("describe", wake.toString());
                assertEquals(0, text.exitCode(), text::toString);
                assertTrue(text.out().contains("pool wake (POOL, code 40)"), text::toString);
                assertTrue(text.out().contains("dispatcher "), text::toString);

                final Path copy = Files.copy(wake, tmp.resolve("pool-wake-copy"));
                putParam(copy, 0, 42);
                DescribeKindsTest.assertDamaged(copy, "LAYOUT", "pool wake layout version 42; this mmipc reads version " +
                    PoolWakeDescriptor.LAYOUT_VERSION);
                final Path otherType = Files.copy(wake, tmp.resolve("pool-other-type"));
                DescribeKindsTest.write(otherType, SharedFileDescriptor.TYPE_TAG_OFFSET,
                    "pool-ctl\0\0".getBytes(StandardCharsets.US_ASCII));
                DescribeKindsTest.assertDamaged(otherType, "LAYOUT", "unknown pool file type \"pool-ctl\"");
                assertTruncatedAndBadMagic(wake, "pool-wake");
            }
            finally
            {
                pool.close();
                pool.join();
            }
        }
    }

    @Test
    @Timeout(120)
    void aLogsWakeFileIsDescribedAndShownByStat() throws Exception
    {
        final Path dir = tmp.resolve("orders");
        try (DurableLog log = DurableLog.open(DurableLogConfig.builder(dir).build());
             LogAppender appender = log.appender())
        {
            appender.append("m0", Codecs.utf8());
            final Path wake = dir.resolve(LogWakeDescriptor.FILE_NAME);
            final Cli.Result text = Cli.run("describe", wake.toString());
            assertEquals(0, text.exitCode(), text::toString);
            assertTrue(text.out().contains("log wake (SYNC, code 22)"), text::toString);
            assertTrue(text.out().contains("log_wake_layout_version=" + LogWakeDescriptor.LAYOUT_VERSION), text::toString);
            assertTrue(text.out().contains("no tailer asleep") || text.out().contains("tailers may be asleep"),
                text::toString);

            final Map<String, Object> stat = Cli.run("stat", "--json", dir.toString()).jsonObject();
            @SuppressWarnings("unchecked")
            final Map<String, Object> wakeJson = (Map<String, Object>)stat.get("wake");
            assertEquals("log wake", wakeJson.get("label"), stat::toString);
            assertEquals(false, wakeJson.get("damaged"));
            assertTrue(DescribeKindsTest.state(wakeJson).containsKey("sleeps"), wakeJson::toString);
            final Cli.Result statText = Cli.run("stat", dir.toString());
            assertEquals(0, statText.exitCode(), statText::toString);
            assertTrue(statText.out().contains("wake file: "), statText::toString);

            final Path copy = Files.copy(wake, tmp.resolve("log-wake-copy"));
            putParam(copy, 0, 3);
            DescribeKindsTest.assertDamaged(copy, "LAYOUT", "log wake layout version 3; this mmipc reads version " +
                LogWakeDescriptor.LAYOUT_VERSION);
            assertTruncatedAndBadMagic(wake, "log-wake");
        }
    }

    private void assertTruncatedAndBadMagic(final Path file, final String name) throws IOException
    {
        final Path truncated = Files.copy(file, tmp.resolve(name + "-truncated"));
        try (FileChannel channel = FileChannel.open(truncated, StandardOpenOption.WRITE))
        {
            channel.truncate(SharedFileDescriptor.HEADER_LENGTH + 8);
        }
        DescribeKindsTest.assertDamaged(truncated, "TRUNCATED", "truncated: the file is " +
            (SharedFileDescriptor.HEADER_LENGTH + 8));
        final Path magic = Files.copy(file, tmp.resolve(name + "-magic"));
        DescribeKindsTest.write(magic, SharedFileDescriptor.MAGIC_OFFSET, "NOTMMIPC".getBytes(StandardCharsets.US_ASCII));
        DescribeKindsTest.assertDamaged(magic, "NOT_MMIPC_FILE", "not an mmipc file");
    }

    private static Path wakeFile(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            final List<Path> wakes = files.filter(f -> f.getFileName().toString().endsWith(PoolWakeDescriptor.SUFFIX))
                .toList();
            assertEquals(1, wakes.size(), wakes::toString);
            return wakes.get(0);
        }
    }

    private static Map<String, Object> awaitSleeps(final Path dir, final String name) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            final Cli.Result result = Cli.run("stat", "--json", dir.toString());
            assertEquals(0, result.exitCode(), result::toString);
            final Map<String, Object> object = StatTest.object(result.jsonObject(), name);
            if (DescribeKindsTest.state(object).get("sleeps") instanceof Long sleeps && sleeps > 0)
            {
                return object;
            }
            assertTrue(System.nanoTime() < deadline, () -> "the idle dispatcher never slept:\n" + result);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static void putParam(final Path file, final int param, final long value) throws IOException
    {
        DescribeKindsTest.write(file, SharedFileDescriptor.paramOffset(param),
            ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value).array());
    }
}
