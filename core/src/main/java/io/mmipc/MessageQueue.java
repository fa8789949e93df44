package io.mmipc;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * A bounded queue of messages in shared memory, for processes on one host: Python's
 * {@code multiprocessing.Queue}, in the shape of {@link java.util.concurrent.BlockingQueue}.
 * <pre>{@code
 * MessageQueue<String> tasks = ctx.queue("tasks", Codecs.utf8());
 * tasks.put("resize img-1.png");                      // blocks while the ring is full
 * String task = tasks.poll(1, TimeUnit.SECONDS);      // null after a second without one
 * }</pre>
 * <b>Two levels.</b> Objects go through the queue's {@link io.mmipc.codec.Codec}. The zero-copy
 * level writes bytes from a {@link DirectBuffer} (or claims space and writes in place with
 * {@link #tryClaim}/{@link #commit}) and reads through a {@link MessageHandler} that sees the
 * bytes where they lie; it allocates nothing per message.
 * <p>
 * <b>Delivery.</b> Each message is delivered to exactly one consumer. A consumer that is killed
 * while it handles a message loses that message (at-most-once; the durable log is the
 * at-least-once path). Messages of one producer reach any one consumer in the order they were
 * sent; messages of different producers interleave.
 * <p>
 * <b>Sizes.</b> The largest message is declared at creation ({@link QueueOptions#maxMessageLength});
 * a larger one is an {@link IllegalArgumentException} at the sender naming both sizes. Messages
 * up to an eighth of the ring's capacity are written inline; larger ones go through a spill file
 * that the ring points to, so multi-megabyte messages need no huge ring.
 * <p>
 * <b>Kinds.</b> The default queue takes many producers and many consumers in any processes and
 * threads. A one-to-one queue ({@link QueueOptions#oneToOne}) takes one producing and one
 * consuming thread at a time (another process that tries to produce or consume while they live
 * is refused) and is the fastest path; there, the producer's death is end-of-stream for the
 * consumer ({@link EndOfStreamException}), and a new producer process may attach and go on.
 * <p>
 * <b>Threads.</b> The thread that opened the queue pays no atomic instruction for the guard
 * that keeps the mapping alive under a concurrent {@link #close()}; other threads pay two per call.
 * Open a queue in the thread that uses it most.
 * <p>
 * A queue is {@link java.io.Serializable} as a small handle (directory, name, codec): a child JVM
 * that deserializes it opens the same queue.
 *
 * @param <T> the type of the objects the codec carries.
 */
public interface MessageQueue<T> extends AutoCloseable
{
    String name();

    /**
     * @return the file that holds the queue.
     */
    Path path();

    /**
     * @return true for a one-to-one queue.
     */
    boolean isOneToOne();

    /**
     * @return the ring's size in bytes.
     */
    int capacity();

    /**
     * @return the largest message a sender may send.
     */
    int maxMessageLength();

    // ---- objects, through the codec

    /**
     * Sends {@code value}, waiting while the ring is full.
     */
    void put(T value) throws InterruptedException;

    /**
     * @return false, at once, when the ring is full.
     */
    boolean offer(T value);

    /**
     * @return false when the ring stayed full for {@code timeout}.
     */
    boolean offer(T value, long timeout, TimeUnit unit) throws InterruptedException;

    default boolean offer(final T value, final Duration timeout) throws InterruptedException
    {
        return offer(value, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Receives a message, waiting until one arrives.
     *
     * @throws EndOfStreamException on a one-to-one queue whose producer died, once it is drained.
     */
    T take() throws InterruptedException;

    /**
     * @return a message, or null at once when there is none.
     */
    T poll();

    /**
     * @return a message, or null when none arrived within {@code timeout}.
     */
    T poll(long timeout, TimeUnit unit) throws InterruptedException;

    default T poll(final Duration timeout) throws InterruptedException
    {
        return poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Moves up to {@code maxElements} waiting messages into {@code target} without waiting.
     *
     * @return how many it moved.
     */
    int drainTo(Collection<? super T> target, int maxElements);

    // ---- zero-copy

    /**
     * Sends {@code length} bytes of {@code buffer} from {@code offset}, waiting while the ring is full.
     */
    void put(DirectBuffer buffer, int offset, int length) throws InterruptedException;

    /**
     * @return false, at once, when the ring is full.
     */
    boolean offer(DirectBuffer buffer, int offset, int length);

    /**
     * @return false when the ring stayed full for {@code timeout}.
     */
    boolean offer(DirectBuffer buffer, int offset, int length, long timeout, TimeUnit unit)
        throws InterruptedException;

    /**
     * Reserves {@code length} bytes in the ring to be written in place, then published with
     * {@link #commit} or given up with {@link #abort} by the same thread. Until then the ring
     * cannot be unmapped, and the consumers wait for it; a many-to-many queue's consumers skip
     * it only once this process has died (after the dead-process timeout).
     *
     * @param length at most {@link #maxInlineLength()} (a claim cannot go through a spill file).
     * @return the offset in {@link #claimBuffer()} to write at, or -1 when the ring is full.
     */
    int tryClaim(int length);

    /**
     * @return the buffer that {@link #tryClaim} offsets point into.
     */
    MutableDirectBuffer claimBuffer();

    /**
     * Publishes a claimed message.
     */
    void commit(int offset);

    /**
     * Gives up a claimed message: consumers skip it.
     */
    void abort(int offset);

    /**
     * @return the largest message written inline in the ring (an eighth of the capacity, at most
     *         {@link #maxMessageLength()}); larger ones go through a spill file.
     */
    int maxInlineLength();

    /**
     * Hands the next message to {@code handler}, waiting until one arrives.
     *
     * @throws EndOfStreamException on a one-to-one queue whose producer died, once it is drained.
     */
    void take(MessageHandler handler) throws InterruptedException;

    /**
     * @return true when a message was handed to {@code handler}; false, at once, when there is none.
     */
    boolean poll(MessageHandler handler);

    /**
     * @return false when no message arrived within {@code timeout}.
     */
    boolean poll(MessageHandler handler, long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Hands up to {@code limit} waiting messages to {@code handler}, without waiting.
     *
     * @return how many it handed over.
     */
    int drain(MessageHandler handler, int limit);

    // ---- state

    /**
     * @return about how many messages wait (exact only when nobody sends or receives).
     */
    int size();

    /**
     * @return true when no message waits (nor a claim that is not committed yet).
     */
    boolean isEmpty();

    /**
     * @return how many ring bytes are free; a message takes its length plus 8, rounded up to 8.
     */
    int remainingCapacity();

    /**
     * @return how many messages consumers skipped because their producer died between claiming
     *         space and committing it (or left a claim open past the dead-process timeout).
     */
    long skippedMessages();

    boolean isClosed();

    /**
     * Unmaps the queue in this object (once no call on it is in flight) and withdraws its
     * registration. The queue stays for the other processes; the context removes the file.
     */
    @Override
    void close();
}
