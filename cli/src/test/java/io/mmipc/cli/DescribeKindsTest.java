package io.mmipc.cli;

import io.mmipc.IpcContext;
import io.mmipc.JoinableQueue;
import io.mmipc.QueueOptions;
import io.mmipc.SharedList;
import io.mmipc.SharedNamespace;
import io.mmipc.Topic;
import io.mmipc.agrona.map.ListDescriptor;
import io.mmipc.agrona.map.MapDescriptor;
import io.mmipc.agrona.queue.JoinableDescriptor;
import io.mmipc.agrona.queue.PipeDescriptor;
import io.mmipc.agrona.queue.QueueDescriptor;
import io.mmipc.agrona.sync.BarrierDescriptor;
import io.mmipc.agrona.topic.TopicDescriptor;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.file.SharedFileDescriptor;
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

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code describe} and {@code stat} on the list, namespace, topic and joinable task file, made by
 * the real objects, and on damaged copies of each: truncated, with a bad magic, with a layout
 * version this mmipc does not read, and with a parameter no such object has.
 */
class DescribeKindsTest
{
    @TempDir
    Path tmp;

    private IpcContext ctx;
    private Topic<String> topic;
    private Topic.Publisher<String> publisher;
    private Topic.Subscription<String> subscription;
    private JoinableQueue<String> tasks;

    @BeforeEach
    void makeObjects() throws InterruptedException
    {
        ctx = IpcContext.builder().root(tmp.resolve("root")).name("kinds").build();
        final SharedList<String> list = ctx.list("list", Codecs.utf8());
        list.add("a");
        list.add("bb");
        list.add("ccc");
        final SharedNamespace ns = ctx.namespace("ns");
        ns.set("x", 1);
        ns.set("y", "two");
        topic = ctx.topic("news", Codecs.utf8());
        subscription = topic.subscribe();
        publisher = topic.publisher();
        for (int i = 0; i < 5; i++)
        {
            assertTrue(publisher.offer("m" + i));
        }
        assertEquals("m0", subscription.poll());
        assertEquals("m1", subscription.poll());
        tasks = ctx.joinableQueue("tasks", Codecs.utf8());
        for (int i = 0; i < 3; i++)
        {
            tasks.put("t" + i);
        }
        assertEquals("t0", tasks.take());
    }

    @AfterEach
    void close()
    {
        subscription.close();
        publisher.close();
        ctx.close();
    }

    @Test
    void statShowsTheLiveStateOfEachKind()
    {
        final Cli.Result result = Cli.run("stat", "--json", ctx.directory().toString());
        assertEquals(0, result.exitCode(), result::toString);
        final Map<String, Object> stat = result.jsonObject();
        assertEquals(false, stat.get("damaged"), result::toString);

        final Map<String, Object> list = state(StatTest.object(stat, "list"));
        assertEquals(3L, list.get("length"));
        assertEquals(3L, list.get("blocksUsed"), "one block for each short element");
        assertEquals((Long)list.get("blocks") - 3, list.get("blocksFree"));

        assertEquals(2L, state(StatTest.object(stat, "ns")).get("attributes"));
        assertEquals("namespace", StatTest.object(stat, "ns").get("label"));

        final Map<String, Object> news = StatTest.object(stat, "news");
        assertEquals("topic BLOCK", news.get("label"));
        final Map<String, Object> topicState = state(news);
        assertEquals(5L, topicState.get("tail"));
        assertEquals(5L, topicState.get("published"));
        assertEquals(1L, topicState.get("publishers"));
        assertEquals(1L, topicState.get("subscribers"));
        assertEquals(0L, topicState.get("missed"));
        @SuppressWarnings("unchecked")
        final Map<String, Object> sub = (Map<String, Object>)((List<Object>)topicState.get("subscriberSlots")).get(0);
        assertEquals(2L, sub.get("position"));
        assertEquals(3L, sub.get("lag"));
        assertEquals(2L, sub.get("received"));
        assertEquals(ProcessHandle.current().pid(), sub.get("pid"));
        assertEquals(true, sub.get("alive"));

        final Map<String, Object> joinable = StatTest.object(stat, "tasks" + JoinableDescriptor.SUFFIX);
        assertEquals("joinable tasks", joinable.get("label"));
        assertEquals(3L, state(joinable).get("unfinishedTasks"));
        assertEquals(0L, state(joinable).get("lostTasks"));
        assertEquals(false, state(joinable).get("joinersSleepers"));

        final Cli.Result text = Cli.run("stat", ctx.directory().toString());
        assertTrue(text.out().contains("3 elements"), text::toString);
        assertTrue(text.out().contains("2 attributes"), text::toString);
        assertTrue(text.out().contains("tail 5, 1 publisher, 1 subscriber (lag up to 3), 0 missed"), text::toString);
        assertTrue(text.out().contains("3 unfinished tasks, 0 lost"), text::toString);
    }

    @Test
    void describeNamesKindParametersAndLayoutVersions()
    {
        assertSound("list", "list (LIST, code 31)", "list layout version", ListDescriptor.LAYOUT_VERSION);
        assertSound("ns", "namespace (NAMESPACE, code 32)", "namespace layout version", MapDescriptor.LAYOUT_VERSION);
        assertSound("news", "topic BLOCK (TOPIC, code 14)", "topic layout version", TopicDescriptor.LAYOUT_VERSION);
        assertSound("tasks" + JoinableDescriptor.SUFFIX, "joinable tasks (JOINABLE, code 15)", "joinable layout version",
            JoinableDescriptor.LAYOUT_VERSION);
    }

    @Test
    void queuesPipesAndBarriersNameAndCheckTheirLayoutVersions() throws IOException
    {
        ctx.pipe("pipe", Codecs.utf8());
        ctx.barrier("barrier", 2);
        assertSound("tasks", "queue n:n (QUEUE_MANY_TO_MANY, code 11)", "queue layout version",
            QueueDescriptor.LAYOUT_VERSION);
        assertSound("pipe", "pipe duplex (PIPE, code 12)", "pipe layout version", PipeDescriptor.LAYOUT_VERSION);
        assertSound("barrier", "barrier (SYNC, code 22)", "barrier layout version", BarrierDescriptor.LAYOUT_VERSION);
        assertDamaged(withParam("tasks", QueueDescriptor.PARAM_LAYOUT, QueueDescriptor.LAYOUT_VERSION - 1), "LAYOUT",
            "queue layout version " + (QueueDescriptor.LAYOUT_VERSION - 1) + "; this mmipc reads version " +
            QueueDescriptor.LAYOUT_VERSION);
        assertDamaged(withParam("pipe", PipeDescriptor.PARAM_LAYOUT, 77), "LAYOUT", "pipe layout version 77");
        assertDamaged(withParam("barrier", BarrierDescriptor.PARAM_PARTIES, 0), "LAYOUT",
            "parameters no barrier has: 0 parties, not in [1, " + BarrierDescriptor.MAX_PARTIES + "]");
    }

    @Test
    void damagedCopiesAreNamedWithTheirValues() throws IOException
    {
        for (final String name : List.of("list", "ns", "news", "tasks" + JoinableDescriptor.SUFFIX))
        {
            final Path file = ctx.directory().resolve(name);
            final Path truncated = copy(file, name + "-truncated");
            try (FileChannel channel = FileChannel.open(truncated, StandardOpenOption.WRITE))
            {
                channel.truncate(SharedFileDescriptor.HEADER_LENGTH + 64);
            }
            assertDamaged(truncated, "TRUNCATED", "truncated: the file is " + (SharedFileDescriptor.HEADER_LENGTH + 64));

            final Path magic = copy(file, name + "-magic");
            write(magic, SharedFileDescriptor.MAGIC_OFFSET, "NOTMMIPC".getBytes(StandardCharsets.US_ASCII));
            assertDamaged(magic, "NOT_MMIPC_FILE", "not an mmipc file");
        }
        final int listVersion = ListDescriptor.PARAM_LAYOUT;
        assertDamaged(withParam("list", listVersion, 99), "LAYOUT", "list layout version 99; this mmipc reads version " +
            ListDescriptor.LAYOUT_VERSION);
        assertDamaged(withParam("list", ListDescriptor.PARAM_BLOCK_BYTES, 100), "LAYOUT",
            "parameters no list has: blockBytes must be a power of two");
        assertDamaged(withParam("ns", MapDescriptor.PARAM_STRIPES, 3), "LAYOUT",
            "parameters no namespace has: stripes must be a power of two in [1, 4096], got 3");
        assertDamaged(withParam("ns", MapDescriptor.PARAM_LAYOUT, 7), "LAYOUT", "namespace layout version 7");
        assertDamaged(withParam("news", TopicDescriptor.PARAM_CAPACITY, 3), "LAYOUT",
            "parameters no topic has: capacity must be a power of two");
        assertDamaged(withParam("news", TopicDescriptor.PARAM_POLICY, 9), "LAYOUT", "policy 9 (0 BLOCK, 1 LAP)");
        assertDamaged(withParam("news", TopicDescriptor.PARAM_SUBSCRIBERS, 1 << 12), "LAYOUT",
            "length shorter than the layout");
        assertDamaged(withParam("tasks" + JoinableDescriptor.SUFFIX, JoinableDescriptor.PARAM_SLOTS, 0), "LAYOUT",
            "maxProcesses 0 not in [1, " + QueueOptions.MAX_PROCESSES + "]");
        assertDamaged(withParam("tasks" + JoinableDescriptor.SUFFIX, JoinableDescriptor.PARAM_LAYOUT, 5), "LAYOUT",
            "joinable layout version 5; this mmipc reads version " + JoinableDescriptor.LAYOUT_VERSION);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> state(final Map<String, Object> object)
    {
        return (Map<String, Object>)object.get("state");
    }

    private void assertSound(final String name, final String kindLine, final String versionParam, final int version)
    {
        final Path file = ctx.directory().resolve(name);
        final Cli.Result text = Cli.run("describe", file.toString());
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.out().contains(kindLine), text::toString);
        assertTrue(text.out().contains(versionParam.replace(' ', '_') + "=" + version), text::toString);
        assertTrue(text.out().contains("pid " + ProcessHandle.current().pid() + " (alive)"), text::toString);
        assertTrue(text.out().lines().anyMatch(l -> l.matches("status +OK")), text::toString);
        final Map<String, Object> json = Cli.run("describe", "--json", file.toString()).jsonObject();
        assertEquals((long)version, ((Map<?, ?>)json.get("params")).get(versionParam));
        assertEquals((long)SharedFileDescriptor.LAYOUT_VERSION, json.get("layoutVersion"));
        assertEquals(false, json.get("damaged"));
    }

    static void assertDamaged(final Path file, final String reason, final String detail)
    {
        final Cli.Result text = Cli.run("describe", file.toString());
        assertEquals(ExitCodes.DAMAGED, text.exitCode(), text::toString);
        assertTrue(text.out().contains("DAMAGED: "), text::toString);
        assertTrue(text.out().contains(detail), text::toString);
        final Cli.Result json = Cli.run("describe", "--json", file.toString());
        assertEquals(ExitCodes.DAMAGED, json.exitCode(), json::toString);
        final Map<String, Object> parsed = json.jsonObject();
        assertEquals(true, parsed.get("damaged"));
        assertEquals(reason, parsed.get("reason"), json::toString);
        assertTrue(((List<?>)parsed.get("problems")).stream().anyMatch(p -> ((String)p).contains(detail)), json::toString);
    }

    private Path withParam(final String name, final int param, final long value) throws IOException
    {
        final Path copy = copy(ctx.directory().resolve(name), name + "-param" + param + "-" + value);
        write(copy, SharedFileDescriptor.paramOffset(param),
            ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value).array());
        return copy;
    }

    private Path copy(final Path file, final String name) throws IOException
    {
        return Files.copy(file, tmp.resolve(name));
    }

    static void write(final Path file, final long offset, final byte[] bytes) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.wrap(bytes), offset);
        }
    }
}
