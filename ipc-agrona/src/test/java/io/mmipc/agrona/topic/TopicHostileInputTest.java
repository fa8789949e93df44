package io.mmipc.agrona.topic;

import io.mmipc.IpcContext;
import io.mmipc.SharedStateCorruptedException;
import io.mmipc.Topic;
import io.mmipc.TopicOptions;
import io.mmipc.agrona.queue.Handles;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.file.SharedFileDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import static io.mmipc.agrona.topic.TopicDescriptor.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Bytes no publisher wrote, written into a topic's file behind mmipc's back as a stray process
 * would (plain file I/O, visible to every mapping): each is a clear exception naming the file,
 * never a hang or a message made of garbage.
 */
class TopicHostileInputTest
{
    private static final TopicOptions OPTIONS = TopicOptions.defaults().capacity(8).maxMessageLength(32)
        .maxPublishers(2).maxSubscribers(2);

    @TempDir
    Path root;

    private static void writeLong(final Path file, final long fileOffset, final long value) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder()).putLong(0, value), fileOffset);
        }
    }

    private static long body(final int offset)
    {
        return SharedFileDescriptor.HEADER_LENGTH + offset;
    }

    @Test
    @Timeout(30)
    void aMessageSlotWithAForeignLengthIsCorruptionForTakeAndPoll() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Topic<String> topic = ctx.topic("t", Codecs.utf8(), OPTIONS);
            final Topic.Subscription<String> sub = topic.subscribe();
            topic.publisher().put("fine");
            final int slot = messagesOffset(2, 2);
            writeLong(topic.path(), body(slot + LENGTH_OFFSET), 0x7FFF_FFF0_7FFF_FFF0L);
            final SharedStateCorruptedException ex = assertThrows(SharedStateCorruptedException.class,
                () -> sub.take(5, TimeUnit.SECONDS));
            assertTrue(ex.getMessage().contains(topic.path().toString()), ex.getMessage());
            assertThrows(SharedStateCorruptedException.class, sub::poll, "the slot stays where it is");
        }
    }

    @Test
    @Timeout(30)
    void aCommitTagOfNoLapIsCorruptionNotAWait() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Topic<String> topic = ctx.topic("t", Codecs.utf8(), OPTIONS);
            final Topic.Subscription<String> sub = topic.subscribe();
            writeLong(topic.path(), body(TAIL_OFFSET), 1); // as if sequence 0 were claimed
            writeLong(topic.path(), body(messagesOffset(2, 2) + TAG_OFFSET), 77);
            assertThrows(SharedStateCorruptedException.class, () -> sub.take(5, TimeUnit.SECONDS));
        }
    }

    @Test
    @Timeout(30)
    void aGarbageTailIsCorruptionForABlockSubscriber() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Topic<String> topic = ctx.topic("t", Codecs.utf8(), OPTIONS);
            final Topic.Subscription<String> sub = topic.subscribe();
            writeLong(topic.path(), body(TAIL_OFFSET), 1L << 50);
            assertThrows(SharedStateCorruptedException.class, () -> sub.take(5, TimeUnit.SECONDS));
        }
    }

    @Test
    @Timeout(30)
    void aForeignSubscriberHolderIsCorruptionForSubscribersAndHeldBackPublishers() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Topic<String> topic = ctx.topic("t", Codecs.utf8(), OPTIONS);
            final Topic.Subscription<String> sub = topic.subscribe();
            final Topic.Publisher<String> publisher = topic.publisher();
            for (int i = 0; i < OPTIONS.capacity(); i++)
            {
                publisher.put("m" + i);
            }
            writeLong(topic.path(), body(subscribersOffset(2) + HOLDER_OFFSET), 0x0BAD_F00D_0BAD_F00DL);
            assertThrows(SharedStateCorruptedException.class, topic::subscribe);
            final SharedStateCorruptedException ex = assertThrows(SharedStateCorruptedException.class,
                () -> publisher.offer("held", 5, TimeUnit.SECONDS));
            assertTrue(ex.getMessage().contains("owner word"), ex.getMessage());
            assertNotNull(sub);
        }
    }

    @Test
    void aHeaderWithAnImpossibleCapacityIsRefusedBeforeMapping() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Topic<String> topic = ctx.topic("t", Codecs.utf8(), OPTIONS);
            final String handle = Handles.encode(topic);
            topic.close();
            writeLong(topic.path(), SharedFileDescriptor.PARAMS_OFFSET + PARAM_CAPACITY * Long.BYTES, 3);
            final Exception ex = assertThrows(Exception.class, () -> Handles.decode(handle));
            String messages = "";
            for (Throwable t = ex; t != null; t = t.getCause())
            {
                messages += t.getMessage() + " / ";
            }
            assertTrue(messages.contains(topic.path().toString()), messages);
        }
    }
}
