package io.mmipc.cli;

import io.mmipc.IpcContext;
import io.mmipc.MessageQueue;
import io.mmipc.Pipe;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codecs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code mmipc peek} shows what waits in queues and pipes, in order, and consumes nothing.
 */
class PeekTest
{
    @TempDir
    Path root;

    private IpcContext ctx;

    @BeforeEach
    void open()
    {
        ctx = IpcContext.builder().root(root).name("peek").build();
    }

    @AfterEach
    void close()
    {
        ctx.close();
    }

    @Test
    void showsWaitingMessagesInOrderWithoutConsumingThem() throws Exception
    {
        final MessageQueue<String> queue = ctx.queue("words", Codecs.utf8(), QueueOptions.defaults().oneToOne(true));
        for (final String word : List.of("alpha", "beta", "gamma\n"))
        {
            queue.put(word);
        }
        final Cli.Result first = Cli.run("peek", queue.path().toString());
        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(first.out().contains("queue: 3 messages waiting"), first::toString);
        final int alpha = first.out().indexOf("alpha");
        final int beta = first.out().indexOf("beta");
        final int gamma = first.out().indexOf("gamma\\n");
        assertTrue(alpha > 0 && beta > alpha && gamma > beta, first::toString);
        assertEquals(3, queue.size(), "peek consumed nothing");

        assertEquals("alpha", queue.poll());
        final Map<String, Object> json = Cli.run("peek", "--json", "peek/words", "--root", root.toString()).jsonObject();
        final Map<String, Object> channel = channel(json, 0);
        assertEquals(2L, channel.get("messages"));
        assertEquals(1L, channel.get("consumed"));
        assertEquals(List.of("beta", "gamma\\n"), payloads(channel));

        final Map<String, Object> limited = Cli.run("peek", "--json", "-n", "1", queue.path().toString()).jsonObject();
        assertEquals(2L, channel(limited, 0).get("messages"));
        assertEquals(List.of("beta"), payloads(channel(limited, 0)));
        assertTrue(Cli.run("peek", "-n", "1", queue.path().toString()).out().contains("the first 1 shown"));
    }

    @Test
    void decodesByTheQueuesCodecOrAsAsked() throws Exception
    {
        final MessageQueue<Long> numbers = ctx.queue("numbers", Codecs.int64());
        numbers.put(7L);
        numbers.put(-1L);
        assertEquals(List.of("7", "-1"), payloads(peek(numbers.path())));
        assertEquals(List.of("0700000000000000", "ffffffffffffffff"),
            payloads(channel(Cli.run("peek", "--json", "--codec", "hex", numbers.path().toString()).jsonObject(), 0)));

        final MessageQueue<byte[]> raw = ctx.queue("raw", Codecs.bytes());
        raw.put(new byte[] {0, 'a', 'b', '\''});
        assertEquals(List.of("b'\\x00ab\\''"), payloads(peek(raw.path())));

        final Cli.Result bad = Cli.run("peek", "--codec", "morse", raw.path().toString());
        assertEquals(ExitCodes.USAGE, bad.exitCode(), bad::toString);
    }

    @Test
    void showsASpilledMessageByItsLength() throws Exception
    {
        final MessageQueue<byte[]> small = ctx.queue("small", Codecs.bytes(), QueueOptions.defaults().capacity(1024));
        small.put(new byte[500]);
        small.put(new byte[] {1});
        final Cli.Result result = Cli.run("peek", small.path().toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("(in a spill file: 500 bytes)"), result::toString);
        assertTrue(result.out().contains("b'\\x01'"), result::toString);
    }

    @Test
    void readsAWrappedRingInOrder() throws Exception
    {
        final MessageQueue<String> small = ctx.queue("wrapped", Codecs.utf8(),
            QueueOptions.defaults().capacity(1024).oneToOne(true));
        int sent = 0;
        for (int i = 0; i < 20; i++)
        {
            assertTrue(small.offer(String.format("message-%030d", sent++)));
        }
        for (int i = 0; i < 15; i++)
        {
            assertNotNull(small.poll());
        }
        for (int i = 0; i < 15; i++)
        {
            assertTrue(small.offer(String.format("message-%030d", sent++)));
        }
        final Map<String, Object> json = channel(Cli.run("peek", "--json", "-n", "100", small.path().toString())
            .jsonObject(), 0);
        assertTrue((Long)json.get("tail") > 1024, "the ring wrapped: " + json);
        final List<String> expected = new ArrayList<>();
        for (int i = 15; i < sent; i++)
        {
            expected.add(String.format("message-%030d", i));
        }
        assertEquals(expected, payloads(json));
    }

    @Test
    void countsARingLargerThanOneReadWindow() throws Exception
    {
        final MessageQueue<String> big = ctx.queue("big", Codecs.utf8(), QueueOptions.defaults().capacity(4 << 20));
        final int count = 60_000;
        for (int i = 0; i < count; i++)
        {
            assertTrue(big.offer("m" + i + "-" + "x".repeat(i % 50)));
        }
        final Map<String, Object> json = channel(Cli.run("peek", "--json", "-n", "3", big.path().toString())
            .jsonObject(), 0);
        assertTrue((Long)json.get("usedBytes") > 4 * 256 * 1024, "more than a few windows: " + json.get("usedBytes"));
        assertEquals((long)count, json.get("messages"));
        assertEquals(List.of("m0-", "m1-x", "m2-xx"), payloads(json));
        assertEquals(count, big.size(), "peek consumed nothing");
    }

    @Test
    @Timeout(120)
    void showsOnlyWholeMessagesWhileAnotherProcessProducesAndConsumes() throws Exception
    {
        try (ChildJvm child = Children.start(CliChild.class, "churn", root.toString(), "churn"))
        {
            final Path dir = Path.of(Children.awaitLine(child, CliChild.READY, Duration.ofSeconds(60)).split(" ")[0]);
            final Path queue = dir.resolve("churn");
            int seen = 0;
            for (int i = 0; i < 200; i++)
            {
                final Map<String, Object> json = channel(Cli.run("peek", "--json", "-n", "100", queue.toString())
                    .jsonObject(), 0);
                final List<String> shown = payloads(json);
                long previous = -1;
                for (final String message : shown)
                {
                    final long n = Long.parseLong(message.substring(0, message.indexOf(':')));
                    assertEquals(CliChild.churnMessage(n), message, "a whole message, never a torn one");
                    assertTrue(previous < 0 || n == previous + 1, () -> "in order, none missing: " + shown);
                    previous = n;
                }
                seen += shown.size();
            }
            assertTrue(seen > 0, "peek saw messages in the churn");
            assertTrue(child.isAlive(), () -> "the churn ran throughout:\n" + child.stderr());
            child.kill();
        }
    }

    @Test
    void showsBothDirectionsOfAPipe() throws Exception
    {
        final Pipe<String> pipe = ctx.pipe("talk", Codecs.utf8());
        pipe.end2().send("to one");
        pipe.end1().send("to two");
        pipe.end1().send("again");
        final Map<String, Object> json = Cli.run("peek", "--json", ctx.directory().resolve("talk").toString()).jsonObject();
        assertEquals("to end 1", channel(json, 0).get("channel"));
        assertEquals(List.of("to one"), payloads(channel(json, 0)));
        assertEquals("to end 2", channel(json, 1).get("channel"));
        assertEquals(List.of("to two", "again"), payloads(channel(json, 1)));
    }

    @Test
    void refusesWhatIsNotAQueue()
    {
        ctx.lock("lock");
        final Cli.Result result = Cli.run("peek", ctx.directory().resolve("lock").toString());
        assertEquals(ExitCodes.ERROR, result.exitCode(), result::toString);
        assertTrue(result.err().contains("holds a lock, not a queue or pipe"), result::toString);
    }

    private static Map<String, Object> peek(final Path queue)
    {
        return channel(Cli.run("peek", "--json", queue.toString()).jsonObject(), 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> channel(final Map<String, Object> peek, final int index)
    {
        return (Map<String, Object>)((List<Object>)peek.get("channels")).get(index);
    }

    @SuppressWarnings("unchecked")
    private static List<String> payloads(final Map<String, Object> channel)
    {
        return ((List<Object>)channel.get("shown")).stream()
            .map(m -> (String)((Map<String, Object>)m).get("payload")).toList();
    }
}
