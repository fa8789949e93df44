package io.mmipc;

import io.mmipc.codec.Codec;

import java.time.Duration;
import java.time.Instant;

/**
 * Reads a {@link DurableLog} in order, from any process. A tailer belongs to the thread that
 * created it. Reads come in three forms: non-blocking ({@code poll}), with a timeout, and blocking
 * ({@code take}); waits use the log's idle strategy and honour interrupts.
 * <p>
 * <b>Named tailers</b> ({@link DurableLog#tailer(String)}) keep their position in the log's
 * directory across restarts, through explicit acknowledgement:
 * <ul>
 *   <li>{@link #ack()} records that every message read so far is processed. It is one 64-bit store
 *   into the log's mapped metadata file: once it returns, it survives a kill of this process.</li>
 *   <li>A named tailer opened again (after a close, a crash, a restart) continues with the first
 *   message after the last acknowledged one: no acknowledged message comes again, none is skipped.
 *   Messages read but not acknowledged come again: delivery is at-least-once.</li>
 *   <li>{@link #consume} reads one message, hands it over and acknowledges it once the handler
 *   returns; if the handler throws, the message is not acknowledged and comes again next time.</li>
 *   <li>One process at a time holds a named tailer; a holder that died releases it.</li>
 * </ul>
 * Until a named tailer is removed ({@link DurableLog#removeTailer}), retention keeps every file
 * from its acknowledged position on, even while no process holds it.
 */
public interface LogTailer extends AutoCloseable
{
    /**
     * @return the tailer's name, or null for an anonymous tailer.
     */
    String name();

    /**
     * Hands the next message to {@code handler}, if there is one.
     *
     * @return true when a message was read.
     */
    boolean poll(LogHandler handler);

    /**
     * Waits up to {@code timeout} for the next message.
     *
     * @return true when a message was read, false on timeout.
     */
    boolean poll(LogHandler handler, Duration timeout) throws InterruptedException;

    /**
     * Waits for the next message, however long it takes.
     */
    void take(LogHandler handler) throws InterruptedException;

    /**
     * @return the next message decoded with {@code codec}, or null when there is none yet.
     */
    <T> T poll(Codec<T> codec);

    /**
     * @return the next message decoded with {@code codec}, or null after {@code timeout}.
     */
    <T> T poll(Codec<T> codec, Duration timeout) throws InterruptedException;

    /**
     * @return the next message decoded with {@code codec}, waiting as long as it takes.
     */
    <T> T take(Codec<T> codec) throws InterruptedException;

    /**
     * At-least-once processing: reads the next message within {@code timeout}, hands it to
     * {@code handler}, then acknowledges it. When the handler throws, the tailer moves back so the
     * message is read again, nothing is acknowledged, and the exception propagates.
     *
     * @return true when a message was processed and acknowledged, false on timeout.
     * @throws IllegalStateException on an anonymous tailer (it has nothing to acknowledge to).
     */
    boolean consume(LogHandler handler, Duration timeout) throws InterruptedException;

    /**
     * Acknowledges every message read so far (a named tailer resumes after the last one).
     *
     * @throws IllegalStateException on an anonymous tailer.
     */
    void ack();

    /**
     * @return the index of the last acknowledged message, or -1 when none was (named tailers only).
     */
    long ackedIndex();

    /**
     * @return the index of the last message read, or -1 when none was read.
     */
    long lastReadIndex();

    /**
     * @return when the last message read was appended, in epoch milliseconds, or -1.
     */
    long lastReadTimeMillis();

    /**
     * Replays from the first message still in the log.
     */
    LogTailer toStart();

    /**
     * Skips to the end: the next read returns the next message appended.
     */
    LogTailer toEnd();

    /**
     * Positions the tailer so that the next read returns the message at {@code index}.
     *
     * @return false, leaving the position unchanged, when the log holds no message at that index.
     */
    boolean moveTo(long index);

    /**
     * Positions the tailer at the first message appended at or after {@code time} (at the end when
     * there is none).
     */
    LogTailer moveTo(Instant time);

    @Override
    void close();
}
