package io.mmipc.agrona.topic;

import io.mmipc.SharedFileException;
import io.mmipc.SharedObjectMismatchException;
import io.mmipc.Topic;
import io.mmipc.TopicOptions;
import io.mmipc.TopicPolicy;
import io.mmipc.agrona.queue.Participant;
import io.mmipc.codec.Codec;
import io.mmipc.codec.CodecRef;
import io.mmipc.internal.file.Names;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.file.SharedFileHeader;
import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TopicProvider;
import io.mmipc.internal.spi.TransportContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

import static io.mmipc.agrona.topic.TopicDescriptor.*;

/**
 * The {@link TopicProvider} of ipc-agrona, registered under {@code META-INF/services}; re-opens
 * the {@value AgronaTopic#HANDLE_KIND} handles its topics travel as.
 */
public final class AgronaTopicProvider implements TopicProvider
{
    /** The longest dead-process timeout a handle carries: its nanoseconds must fit a long. */
    private static final long MAX_TIMEOUT_MILLIS = Long.MAX_VALUE / 1_000_000;

    @Override
    public <T> Topic<T> topic(final TransportContext ctx, final String name, final Codec<T> codec,
        final TopicOptions options)
    {
        checkSize(options.capacity(), options.maxMessageLength(), options.maxPublishers(), options.maxSubscribers());
        final SharedFile file = ctx.createOrOpenFile(name, spec(options.capacity(), options.maxMessageLength(),
            options.maxPublishers(), options.maxSubscribers(), options.policy(), codec.id()));
        return open(ctx, name, file, codec, options, options.policy());
    }

    @Override
    public boolean reopens(final String kind)
    {
        return AgronaTopic.HANDLE_KIND.equals(kind);
    }

    /**
     * Opens (never creates) the topic a handle names, with the parameters its file holds (checked)
     * and the handle's dead-process timeout.
     */
    @Override
    public Object reopen(final TransportContext ctx, final Handle handle)
    {
        if (!reopens(handle.kind()))
        {
            throw new IllegalArgumentException(getClass().getSimpleName() + " does not re-open a " + handle.kind());
        }
        final Codec<?> codec;
        try
        {
            codec = CodecRef.resolve(handle.codec());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex.getMessage(), ex);
        }
        final long millis = Math.min(MAX_TIMEOUT_MILLIS, Math.max(1, handle.param()));
        return openExisting(ctx, handle.name(), codec, TopicOptions.defaults().deadProcessTimeout(Duration.ofMillis(millis)));
    }

    /**
     * Opens the existing topic {@code name}, its capacity, slots and policy read from the header
     * and checked before anything is mapped.
     */
    static <T> Topic<T> openExisting(final TransportContext ctx, final String name, final Codec<T> codec,
        final TopicOptions options)
    {
        final Path path = ctx.directory().resolve(Names.validate("topic name", name));
        final SharedFileHeader header;
        try
        {
            header = SharedFiles.readHeader(path);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex.getMessage(), ex);
        }
        if (header.kind() != ObjectKind.TOPIC)
        {
            final SharedFileException ex = new SharedFileException(path, SharedFileException.Reason.WRONG_KIND,
                "holds a " + header.kind() + ", not a topic", "kind", String.valueOf(header.kind()), "TOPIC");
            throw new SharedObjectMismatchException(path, ex.reason(), "kind", String.valueOf(header.kind()),
                "TOPIC", null, ex);
        }
        if (header.param(PARAM_LAYOUT) != LAYOUT_VERSION)
        {
            final SharedFileException ex = new SharedFileException(path,
                SharedFileException.Reason.UNSUPPORTED_VERSION, "topic layout version " +
                header.param(PARAM_LAYOUT) + ", this mmipc reads " + LAYOUT_VERSION);
            throw new UncheckedIOException(ex.getMessage(), ex);
        }
        final long capacity = header.param(PARAM_CAPACITY);
        final long maxMessageLength = header.param(PARAM_MAX_MESSAGE_LENGTH);
        final long publishers = header.param(PARAM_PUBLISHERS);
        final long subscribers = header.param(PARAM_SUBSCRIBERS);
        final long policy = header.param(PARAM_POLICY);
        if (capacity < TopicOptions.MIN_CAPACITY || capacity > TopicOptions.MAX_CAPACITY ||
            Long.bitCount(capacity) != 1 || maxMessageLength < 1 ||
            maxMessageLength > TopicOptions.MAX_MESSAGE_LENGTH || publishers < 1 ||
            publishers > TopicOptions.MAX_SLOTS || subscribers < 1 || subscribers > TopicOptions.MAX_SLOTS ||
            policy < 0 || policy >= TopicPolicy.values().length)
        {
            final SharedFileException ex = new SharedFileException(path, SharedFileException.Reason.CORRUPT,
                "header holds an impossible topic: capacity " + capacity + ", maxMessageLength " + maxMessageLength +
                ", " + publishers + " publisher and " + subscribers + " subscriber slots, policy " + policy);
            throw new UncheckedIOException(ex.getMessage(), ex);
        }
        final TopicPolicy chosen = TopicPolicy.values()[(int)policy];
        final TopicOptions actual = options.capacity((int)capacity).maxMessageLength((int)maxMessageLength)
            .maxPublishers((int)publishers).maxSubscribers((int)subscribers).policy(chosen);
        checkSize(actual.capacity(), actual.maxMessageLength(), actual.maxPublishers(), actual.maxSubscribers());
        final SharedFile file = ctx.openFile(name, spec(actual.capacity(), actual.maxMessageLength(),
            actual.maxPublishers(), actual.maxSubscribers(), chosen, codec.id()));
        return open(ctx, name, file, codec, actual, chosen);
    }

    private static <T> Topic<T> open(final TransportContext ctx, final String name, final SharedFile file,
        final Codec<T> codec, final TopicOptions options, final TopicPolicy policy)
    {
        Participant participant = null;
        final AgronaTopic<T> topic;
        try
        {
            participant = Participant.join(ctx);
            final TopicRing ring = new TopicRing(file.path(), file.body(), SharedFileDescriptor.HEADER_LENGTH,
                options.capacity(), options.maxMessageLength(), options.maxPublishers(), options.maxSubscribers(),
                policy);
            topic = new AgronaTopic<>(ctx, name, file, ring, participant, codec, options);
        }
        catch (final RuntimeException ex)
        {
            if (participant != null)
            {
                participant.leave();
            }
            file.close();
            throw ex;
        }
        return ctx.track(topic);
    }
}
