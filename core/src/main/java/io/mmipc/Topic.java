package io.mmipc;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Fan-out in shared memory: every message one of the publishers sends reaches every subscriber,
 * in any process on the host (a topic, as in Aeron IPC or Agrona's broadcast buffer).
 * <pre>{@code
 * Topic<String> prices = ctx.topic("prices", Codecs.utf8());
 * try (Topic.Subscription<String> sub = prices.subscribe()) {      // in each subscriber process
 *     String tick = sub.take(1, TimeUnit.SECONDS);
 * }
 * prices.publisher().put("ACME 12.5");                              // in a publisher process
 * }</pre>
 * <b>Delivery.</b> A subscription receives what was published after it subscribed, in the order
 * the messages were claimed in the ring; messages of one publisher keep their order. A slow
 * subscriber is a policy chosen at creation ({@link TopicPolicy}): {@code BLOCK} holds the
 * publishers back, {@code LAP} lets it be lapped and counts what it missed. A subscriber killed
 * with {@code kill -9} stops holding publishers back after the dead-process timeout; a publisher
 * killed between claiming a slot and committing it costs each subscriber that one message
 * (counted in {@code missed()}) after the same timeout, never a hang.
 * <p>
 * <b>Two levels.</b> Objects go through the topic's {@link io.mmipc.codec.Codec}; the zero-copy
 * level sends from a {@link DirectBuffer} or writes in place ({@link Publisher#tryClaim}), and
 * receives through a {@link MessageHandler} (under {@code BLOCK}, the bytes where they lie in the
 * ring; under {@code LAP}, a copy checked not to have been overwritten, as Agrona's
 * {@code CopyBroadcastReceiver} does).
 * <p>
 * <b>Sizes.</b> The ring has {@link TopicOptions#capacity capacity} slots of
 * {@link TopicOptions#maxMessageLength maxMessageLength} bytes each; a larger message is an
 * {@link IllegalArgumentException} at the publisher.
 * <p>
 * A topic is {@link java.io.Serializable} as a small handle (directory, name, codec): a child JVM
 * that deserializes it opens the same topic and makes its own publishers and subscriptions.
 *
 * @param <T> the type of the objects the codec carries.
 */
public interface Topic<T> extends SharedResource
{
    /**
     * @return the policy for slow subscribers, as stored in the file.
     */
    TopicPolicy policy();

    /**
     * @return how many messages the ring holds.
     */
    int capacity();

    /**
     * @return the largest message a publisher may send.
     */
    int maxMessageLength();

    /**
     * A new publisher, holding one of the topic's publisher slots until it is closed (a dead
     * process's slot is taken over). A publisher is for one thread at a time: make one per thread.
     *
     * @throws IllegalStateException when every publisher slot is held by a live publisher.
     */
    Publisher<T> publisher();

    /**
     * A new subscription that receives every message published from now on, holding one of the
     * topic's subscriber slots until it is closed (a dead process's slot is taken over). A
     * subscription is for one thread at a time.
     *
     * @throws IllegalStateException when every subscriber slot is held by a live subscriber.
     */
    Subscription<T> subscribe();

    /**
     * Sends to every subscriber of a topic.
     *
     * @param <T> the type of the objects the codec carries.
     */
    interface Publisher<T> extends AutoCloseable
    {
        /**
         * Sends {@code value}, waiting while a {@code BLOCK} topic's slowest subscriber is a ring behind.
         */
        void put(T value) throws InterruptedException;

        /**
         * @return false, at once, when a {@code BLOCK} topic's ring is full.
         */
        boolean offer(T value);

        /**
         * @return false when a {@code BLOCK} topic's ring stayed full for {@code timeout}.
         */
        boolean offer(T value, long timeout, TimeUnit unit) throws InterruptedException;

        default boolean offer(final T value, final Duration timeout) throws InterruptedException
        {
            return offer(value, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        /**
         * Sends {@code length} bytes of {@code buffer} from {@code offset}, waiting while the ring is full.
         */
        void put(DirectBuffer buffer, int offset, int length) throws InterruptedException;

        /**
         * @return false, at once, when the ring is full.
         */
        boolean offer(DirectBuffer buffer, int offset, int length);

        /**
         * Reserves a slot for a message of {@code length} bytes, to be written in place in
         * {@link #claimBuffer()} and published with {@link #commit} or given up with {@link #abort}.
         * Until then every subscriber waits at this slot: commit promptly.
         *
         * @return the offset to write at, or -1 when the ring is full.
         */
        int tryClaim(int length);

        /**
         * @return the buffer that {@link #tryClaim} offsets point into.
         */
        MutableDirectBuffer claimBuffer();

        /**
         * Publishes the claimed message.
         */
        void commit(int offset);

        /**
         * Gives the claimed slot up: subscribers skip it.
         */
        void abort(int offset);

        /**
         * @return how many messages this publisher published.
         */
        long published();

        boolean isClosed();

        /**
         * Gives the publisher slot back. Idempotent.
         */
        @Override
        void close();
    }

    /**
     * Receives every message of a topic from the moment it subscribed.
     *
     * @param <T> the type of the objects the codec carries.
     */
    interface Subscription<T> extends AutoCloseable
    {
        /**
         * @return the next message, or null at once when there is none.
         */
        T poll();

        /**
         * Receives the next message, waiting until one arrives.
         */
        T take() throws InterruptedException;

        /**
         * @return the next message, or null when none arrived within {@code timeout}.
         */
        T take(long timeout, TimeUnit unit) throws InterruptedException;

        default T take(final Duration timeout) throws InterruptedException
        {
            return take(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        /**
         * Hands up to {@code limit} waiting messages to {@code handler}, without waiting.
         *
         * @return how many it handed over.
         */
        int poll(MessageHandler handler, int limit);

        /**
         * @return false when no message arrived within {@code timeout}; else one was handed to {@code handler}.
         */
        boolean take(MessageHandler handler, long timeout, TimeUnit unit) throws InterruptedException;

        /**
         * @return how many messages this subscription received.
         */
        long received();

        /**
         * @return how many messages this subscription missed: lapped under {@code LAP}, or slots
         *         that a publisher killed between claim and commit left behind.
         */
        long missed();

        /**
         * @return how many messages wait for this subscription (exact only when nobody publishes).
         */
        long lag();

        boolean isClosed();

        /**
         * Gives the subscriber slot back, so it no longer holds publishers back. Idempotent.
         */
        @Override
        void close();
    }
}
