package io.mmipc;

import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a {@link Topic} is made and how its users wait. Immutable: each setter returns a copy.
 * <pre>{@code
 * ctx.topic("prices", Codecs.utf8(), TopicOptions.defaults().capacity(4096).policy(TopicPolicy.LAP));
 * }</pre>
 * Capacity, largest message, slots and policy are stored in the file: opening an existing topic
 * with other values is an error naming both. The idle strategy and the dead-process timeout
 * belong to each opener.
 */
public final class TopicOptions
{
    /** Default ring: 1,024 messages. */
    public static final int DEFAULT_CAPACITY = 1 << 10;
    public static final int MIN_CAPACITY = 2;
    public static final int MAX_CAPACITY = 1 << 20;
    /** Default largest message: 1,008 bytes (a slot of 1 KiB with its header). */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 1008;
    /** The largest message any topic takes: 1 MiB. */
    public static final int MAX_MESSAGE_LENGTH = 1 << 20;
    /** Default number of publisher slots and of subscriber slots. */
    public static final int DEFAULT_MAX_PUBLISHERS = 16;
    public static final int DEFAULT_MAX_SUBSCRIBERS = 64;
    public static final int MAX_SLOTS = 4096;
    /** Default time after which a blocked user checks whether the process that blocks it died. */
    public static final Duration DEFAULT_DEAD_PROCESS_TIMEOUT = Duration.ofSeconds(1);

    private static final TopicOptions DEFAULTS = new TopicOptions(DEFAULT_CAPACITY, DEFAULT_MAX_MESSAGE_LENGTH,
        DEFAULT_MAX_PUBLISHERS, DEFAULT_MAX_SUBSCRIBERS, TopicPolicy.BLOCK, Idle.backoff(),
        DEFAULT_DEAD_PROCESS_TIMEOUT);

    private final int capacity;
    private final int maxMessageLength;
    private final int maxPublishers;
    private final int maxSubscribers;
    private final TopicPolicy policy;
    private final Supplier<IdleStrategy> idle;
    private final Duration deadProcessTimeout;

    private TopicOptions(final int capacity, final int maxMessageLength, final int maxPublishers,
        final int maxSubscribers, final TopicPolicy policy, final Supplier<IdleStrategy> idle,
        final Duration deadProcessTimeout)
    {
        this.capacity = capacity;
        this.maxMessageLength = maxMessageLength;
        this.maxPublishers = maxPublishers;
        this.maxSubscribers = maxSubscribers;
        this.policy = policy;
        this.idle = idle;
        this.deadProcessTimeout = deadProcessTimeout;
    }

    /**
     * @return a {@code BLOCK} topic of 1,024 messages up to 1,008 bytes, 16 publisher and 64
     *         subscriber slots, backoff waiting, a one-second dead-process timeout.
     */
    public static TopicOptions defaults()
    {
        return DEFAULTS;
    }

    /**
     * @param messages how many messages the ring holds: a power of two from {@link #MIN_CAPACITY}
     *                 to {@link #MAX_CAPACITY}.
     */
    public TopicOptions capacity(final int messages)
    {
        if (messages < MIN_CAPACITY || messages > MAX_CAPACITY || Integer.bitCount(messages) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two in [" + MIN_CAPACITY + ", " +
                MAX_CAPACITY + "], got " + messages);
        }
        return new TopicOptions(messages, maxMessageLength, maxPublishers, maxSubscribers, policy, idle,
            deadProcessTimeout);
    }

    /**
     * @param bytes the largest message, 1 to {@link #MAX_MESSAGE_LENGTH}: every slot of the ring
     *              has room for it (capacity times this is the ring's size).
     */
    public TopicOptions maxMessageLength(final int bytes)
    {
        check("maxMessageLength", bytes, 1, MAX_MESSAGE_LENGTH);
        return new TopicOptions(capacity, bytes, maxPublishers, maxSubscribers, policy, idle, deadProcessTimeout);
    }

    /**
     * @param count how many publishers may be open at once, across all processes (1 to {@link #MAX_SLOTS}).
     */
    public TopicOptions maxPublishers(final int count)
    {
        check("maxPublishers", count, 1, MAX_SLOTS);
        return new TopicOptions(capacity, maxMessageLength, count, maxSubscribers, policy, idle, deadProcessTimeout);
    }

    /**
     * @param count how many subscriptions may be open at once, across all processes (1 to {@link #MAX_SLOTS}).
     */
    public TopicOptions maxSubscribers(final int count)
    {
        check("maxSubscribers", count, 1, MAX_SLOTS);
        return new TopicOptions(capacity, maxMessageLength, maxPublishers, count, policy, idle, deadProcessTimeout);
    }

    /**
     * @param value what happens to a subscriber that falls a ring behind ({@link TopicPolicy#BLOCK} by default).
     */
    public TopicOptions policy(final TopicPolicy value)
    {
        return new TopicOptions(capacity, maxMessageLength, maxPublishers, maxSubscribers,
            Objects.requireNonNull(value, "policy"), idle, deadProcessTimeout);
    }

    /**
     * @param value how blocked calls wait: {@link Idle#backoff()} (default) or {@link Idle#busySpin()}.
     */
    public TopicOptions idle(final Supplier<IdleStrategy> value)
    {
        return new TopicOptions(capacity, maxMessageLength, maxPublishers, maxSubscribers, policy,
            Objects.requireNonNull(value, "idle"), deadProcessTimeout);
    }

    /**
     * @param value how long a subscriber that holds publishers back, or a publisher's open claim
     *              that holds subscribers up, may stay unchanged before its process is checked
     *              and, when dead, passed over.
     */
    public TopicOptions deadProcessTimeout(final Duration value)
    {
        if (value == null || value.isNegative() || value.isZero())
        {
            throw new IllegalArgumentException("deadProcessTimeout must be positive, got " + value);
        }
        return new TopicOptions(capacity, maxMessageLength, maxPublishers, maxSubscribers, policy, idle, value);
    }

    public int capacity()
    {
        return capacity;
    }

    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    public int maxPublishers()
    {
        return maxPublishers;
    }

    public int maxSubscribers()
    {
        return maxSubscribers;
    }

    public TopicPolicy policy()
    {
        return policy;
    }

    public Supplier<IdleStrategy> idle()
    {
        return idle;
    }

    public Duration deadProcessTimeout()
    {
        return deadProcessTimeout;
    }

    private static void check(final String what, final int value, final int min, final int max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof TopicOptions other && capacity == other.capacity &&
            maxMessageLength == other.maxMessageLength && maxPublishers == other.maxPublishers &&
            maxSubscribers == other.maxSubscribers && policy == other.policy &&
            deadProcessTimeout.equals(other.deadProcessTimeout);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(capacity, maxMessageLength, maxPublishers, maxSubscribers, policy, deadProcessTimeout);
    }

    @Override
    public String toString()
    {
        return "TopicOptions{capacity=" + capacity + ", maxMessageLength=" + maxMessageLength + ", maxPublishers=" +
            maxPublishers + ", maxSubscribers=" + maxSubscribers + ", policy=" + policy + ", deadProcessTimeout=" +
            deadProcessTimeout + "}";
    }
}
