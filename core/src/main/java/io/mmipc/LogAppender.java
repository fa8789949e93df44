package io.mmipc;

import io.mmipc.codec.Codec;
import org.agrona.DirectBuffer;

/**
 * Writes messages to a {@link DurableLog}. An appender belongs to the thread that created it (use
 * one per thread); any number of appenders, in any processes, may write to one log: each append is
 * atomic and gets the next index.
 * <p>
 * When {@code append} returns, the message is in the OS page cache: every reader sees it, and it
 * survives the death of this process. It survives a power cut only once synced, by {@link #sync()}
 * or by {@link DurableLogConfig.Builder#syncEveryAppend(boolean)}.
 */
public interface LogAppender extends AutoCloseable
{
    /**
     * Copies {@code length} bytes of {@code buffer} straight into the log's mapped file.
     *
     * @return the message's index.
     * @throws IllegalArgumentException when {@code length} exceeds the log's maximum message length.
     */
    long append(DirectBuffer buffer, int offset, int length);

    /**
     * Encodes {@code value} with {@code codec} (into a scratch buffer of this appender, then one copy).
     *
     * @return the message's index.
     * @throws IllegalArgumentException when the encoded value exceeds the log's maximum message length.
     */
    <T> long append(T value, Codec<T> codec);

    /**
     * @return the index of this appender's last message, or -1 before its first.
     */
    long lastAppendedIndex();

    /**
     * Forces what this appender wrote to storage ({@code msync}): after it returns, those messages
     * survive a power cut.
     */
    void sync();

    @Override
    void close();
}
