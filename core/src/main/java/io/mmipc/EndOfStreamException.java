package io.mmipc;

/**
 * Nothing more can arrive: every process that had the sending side open has closed it or died,
 * and everything it sent has been received. Python's {@code EOFError}.
 * <p>
 * A {@link PipeEnd} raises it once the other end was opened at least once and no process holds
 * it any more; a one-to-one {@link MessageQueue} raises it once its producer died. It describes a
 * state, not a latch: when a process opens the sending side again, receiving resumes.
 */
public class EndOfStreamException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public EndOfStreamException(final String message)
    {
        super(message);
    }
}
