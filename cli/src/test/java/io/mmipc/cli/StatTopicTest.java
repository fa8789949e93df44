package io.mmipc.cli;

import io.mmipc.IpcContext;
import io.mmipc.Topic;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code mmipc stat} on a topic whose subscriber is a child JVM: the subscriber's slot names the
 * child, alive, with its position and lag; after {@code kill -9} the same slot names it dead.
 */
class StatTopicTest
{
    @TempDir
    Path root;

    @Test
    @Timeout(180)
    void aSubscriberInAChildShowsAliveThenDead() throws Exception
    {
        try (ChildJvm child = Children.start(CliChild.class, "subscribe", root.toString(), "topics"))
        {
            final Path dir = Path.of(Children.awaitLine(child, CliChild.READY, Duration.ofSeconds(60)).split(" ")[0]);
            final long pid = child.pid();
            try (IpcContext ctx = IpcContext.open(dir);
                 Topic<String> news = ctx.topic("news", Codecs.utf8());
                 Topic.Publisher<String> publisher = news.publisher())
            {
                assertTrue(publisher.offer("first"));
                assertEquals("first", Children.awaitLine(child, "GOT ", Duration.ofSeconds(60)).trim());
                assertTrue(publisher.offer("second"));

                final Map<String, Object> subscriber = onlySubscriber(dir);
                assertEquals(pid, subscriber.get("pid"));
                assertEquals(true, subscriber.get("alive"));
                assertEquals(1L, subscriber.get("position"));
                assertEquals(1L, subscriber.get("lag"));
                assertEquals(1L, subscriber.get("received"));
                final Cli.Result text = Cli.run("stat", dir.toString());
                assertTrue(text.out().contains("tail 2, 1 publisher, 1 subscriber (lag up to 1), 0 missed"),
                    text::toString);

                child.kill();
                assertTrue(child.waitFor(Duration.ofSeconds(30)));
                final Map<String, Object> dead = onlySubscriber(dir);
                assertEquals(pid, dead.get("pid"));
                assertEquals(false, dead.get("alive"), "a killed subscriber's slot names it dead until it is freed");
                assertEquals(1L, dead.get("position"));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlySubscriber(final Path dir)
    {
        final Cli.Result result = Cli.run("stat", "--json", dir.toString());
        assertEquals(0, result.exitCode(), result::toString);
        final Map<String, Object> state = DescribeKindsTest.state(StatTest.object(result.jsonObject(), "news"));
        final List<Object> subscribers = (List<Object>)state.get("subscriberSlots");
        assertEquals(1, subscribers.size(), result::toString);
        return (Map<String, Object>)subscribers.get(0);
    }
}
