package io.mmipc.system.process;

import io.mmipc.IpcContext;
import io.mmipc.MessageQueue;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 14, item 8: a message that {@code put} accepted in a named context waits there, unread,
 * for a consumer that starts after the producer ended (normally or by {@code kill -9}), until the
 * context is removed.
 */
class NamedContextTest
{
    private static final String NAME = "orders-svc";
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path root;

    @Test
    @Timeout(240)
    void aConsumerStartedAfterTheProducerExitedGetsEveryMessageAndRemovalWorks() throws Exception
    {
        final String sent = Children.run(CHILD_TIMEOUT, Producer.class, root.toString(), "1000", "exit");
        assertTrue(sent.contains("PUT 1000"), sent);
        final Path dir = root.resolve(NAME);
        assertTrue(Files.isDirectory(dir), "the producer's close left the named context");

        try (IpcContext sweeper = IpcContext.create(root))
        {
            assertTrue(Files.isDirectory(dir), "a sweep leaves a named context whose creator is gone");
        }

        final String got = Children.run(CHILD_TIMEOUT, Consumer.class, root.toString(), "1000", "keep");
        assertTrue(got.contains("GOT 1000 in order"), got);
        assertTrue(Files.isDirectory(dir), "a consumer's close leaves it too");

        assertTrue(IpcContext.remove(root, NAME));
        assertFalse(Files.exists(dir));
        assertFalse(IpcContext.remove(root, NAME), "nothing left to remove");
    }

    @Test
    @Timeout(240)
    void aKilledProducersMessagesWaitAndAConsumerMayRemoveTheContextWhenItCloses() throws Exception
    {
        final Path dir = root.resolve(NAME);
        try (ChildJvm producer = Children.start(Producer.class, root.toString(), "500", "wait"))
        {
            assertEquals("500", Children.awaitLine(producer, "PUT ", CHILD_TIMEOUT));
            producer.kill();
            assertTrue(producer.waitFor(Duration.ofSeconds(30)));
        }
        try (IpcContext sweeper = IpcContext.create(root))
        {
            assertTrue(Files.isDirectory(dir), "a sweep leaves a named context whose creator was killed");
        }
        final String got = Children.run(CHILD_TIMEOUT, Consumer.class, root.toString(), "500", "remove");
        assertTrue(got.contains("GOT 500 in order"), got);
        assertFalse(Files.exists(dir), "removeOnClose(true) removed it");
    }

    /** Creates the named context, puts {@code count} messages, then exits or waits to be killed. */
    public static final class Producer
    {
        public static void main(final String[] args) throws Exception
        {
            final int count = Integer.parseInt(args[1]);
            try (IpcContext ctx = IpcContext.builder().root(Paths.get(args[0])).name(NAME).build())
            {
                final MessageQueue<String> orders = ctx.queue("orders", Codecs.utf8());
                for (int i = 0; i < count; i++)
                {
                    orders.put("order-" + i);
                }
                System.out.println("PUT " + count);
                if (args[2].equals("wait"))
                {
                    Thread.sleep(120_000);
                }
            }
        }
    }

    /** Joins the named context by name and takes {@code count} messages, each within a deadline. */
    public static final class Consumer
    {
        public static void main(final String[] args) throws Exception
        {
            final int count = Integer.parseInt(args[1]);
            try (IpcContext ctx = IpcContext.builder().root(Paths.get(args[0])).name(NAME)
                .removeOnClose(args[2].equals("remove")).build())
            {
                final MessageQueue<String> orders = ctx.queue("orders", Codecs.utf8());
                for (int i = 0; i < count; i++)
                {
                    final String order = orders.poll(Duration.ofSeconds(20));
                    if (!("order-" + i).equals(order))
                    {
                        System.out.println("expected order-" + i + ", got " + order);
                        System.exit(1);
                    }
                }
                if (orders.poll() != null)
                {
                    System.out.println("more than " + count);
                    System.exit(1);
                }
                System.out.println("GOT " + count + " in order");
            }
        }
    }
}
