package io.mmipc;

import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

/**
 * One end of a {@link Pipe}: Python's {@code Connection}.
 * <p>
 * The end opens (maps the file and registers this process as its holder) on first use or on
 * {@link #open()}, and stays open until {@link #close()} or the process ends. While it is open
 * in one process, opening it in another is an {@link IllegalStateException} naming the holder.
 * <p>
 * <b>End-of-stream.</b> Once the other end has been opened and then closed, or its process died,
 * {@link #recv()} returns what is left and then throws {@link EndOfStreamException}, and a
 * {@link #send} that would wait for room throws it too: nobody will read. It is a state: if a
 * process opens the other end again, the stream resumes.
 *
 * @param <T> the type of the objects the codec carries.
 */
public interface PipeEnd<T> extends AutoCloseable
{
    /**
     * @return 1 or 2.
     */
    int number();

    Pipe<T> pipe();

    boolean canSend();

    boolean canReceive();

    /**
     * Opens this end now in this process (it opens on first use otherwise).
     *
     * @throws IllegalStateException when another live process holds it open.
     */
    void open();

    /**
     * Sends {@code value}, waiting while the pipe is full.
     *
     * @throws EndOfStreamException when the pipe is full and the other end was closed or died.
     */
    void send(T value) throws InterruptedException;

    /**
     * @return false when the pipe stayed full for {@code timeout}.
     */
    boolean send(T value, long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Sends {@code length} bytes of {@code buffer} from {@code offset}, waiting while the pipe is full.
     */
    void send(DirectBuffer buffer, int offset, int length) throws InterruptedException;

    /**
     * Receives the next message, waiting until one arrives.
     *
     * @throws EndOfStreamException when nothing is left and the other end is closed or dead.
     */
    T recv() throws InterruptedException;

    /**
     * @return the next message, or null when none arrived within {@code timeout}.
     * @throws EndOfStreamException when nothing is left and the other end is closed or dead.
     */
    T recv(long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Hands the next message to {@code handler} without copying it, waiting until one arrives.
     *
     * @throws EndOfStreamException when nothing is left and the other end is closed or dead.
     */
    void recv(MessageHandler handler) throws InterruptedException;

    /**
     * @return true when {@link #recv()} would not wait: a message is there, or the stream ended.
     */
    boolean poll();

    /**
     * Python's {@code conn.poll(timeout)}.
     *
     * @return true when a message arrived (or the stream ended) within {@code timeout}.
     */
    boolean poll(long timeout, TimeUnit unit) throws InterruptedException;

    boolean isOpen();

    /**
     * Closes this end in this process: the other end sees end-of-stream once it has read what
     * was sent. This object refuses calls afterwards; the end itself can be opened again through
     * another object (a handle deserialized in another process).
     */
    @Override
    void close();
}
