package io.mmipc.internal.wait;

/**
 * Something a wait on several objects ({@link WaitAny}, behind {@code io.mmipc.Connection.wait})
 * can wait for: a pipe end or a queue that becomes readable, a process that exits. It names the
 * {@link WakeWord} its publishers signal when it may have become ready, and answers whether it
 * is ready without waiting. Between {@link #enterWait} and {@link #exitWait} its memory stays
 * mapped (the file's enter and exit), so the wait may arm and sleep on the word.
 */
public interface Waitable
{
    /** Ready: a receive would not wait (a message, end-of-stream), or the process exited. */
    int READY = 0;
    /** Not ready. */
    int IDLE = 1;
    /**
     * Not ready, but a publication is under way whose publisher may not signal this registration
     * (a many-to-one ring's claimed record): do not sleep on it ({@link Waiter#stayAwake()}).
     */
    int BUSY = 2;

    /**
     * Begins a wait: keeps the object's memory mapped until {@link #exitWait()}.
     *
     * @param maySleep true when the wait may sleep in the kernel: publishers must then signal
     *                 (a one-to-one channel's publishers learn it from a flag).
     * @return the word to sleep on.
     * @throws IllegalStateException when the object is closed.
     */
    WakeWord enterWait(boolean maySleep);

    /**
     * @param check true about once per check period: ask now whether the peer lives (a pipe's
     *              other end, a one-to-one queue's producer), whose death is end-of-stream.
     * @return {@link #READY}, {@link #IDLE} or {@link #BUSY}.
     */
    int readiness(boolean check);

    /**
     * Ends a wait begun with {@link #enterWait}.
     */
    void exitWait();
}
