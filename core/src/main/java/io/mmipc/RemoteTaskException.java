package io.mmipc;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a task threw in another JVM: the remote exception's class name, message and stack trace,
 * with its causes. It is the cause of the exception a {@link Pool} call fails with; its class is
 * named, not loaded, so a task may throw exceptions this JVM cannot deserialize.
 */
public final class RemoteTaskException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String remoteClassName;

    private RemoteTaskException(final String remoteClassName, final String message, final RemoteTaskException cause)
    {
        super(remoteClassName + (message == null ? "" : ": " + message), cause);
        this.remoteClassName = remoteClassName;
    }

    /**
     * @return the class of the exception the task threw ("java.lang.ArithmeticException").
     */
    public String remoteClassName()
    {
        return remoteClassName;
    }

    /**
     * @return the remote exception as data that crosses processes, causes included.
     */
    public static Failure describe(final Throwable t)
    {
        return describe(t, 0);
    }

    private static Failure describe(final Throwable t, final int depth)
    {
        final Throwable cause = t.getCause();
        return new Failure(t.getClass().getName(), t.getMessage(), t.getStackTrace(),
            cause == null || cause == t || depth > 16 ? null : describe(cause, depth + 1));
    }

    /**
     * A remote exception as plain data: class name, message, stack trace, cause.
     */
    public record Failure(String className, String message, StackTraceElement[] stackTrace, Failure cause)
        implements Serializable
    {
        public Failure
        {
            Objects.requireNonNull(className, "className");
            stackTrace = stackTrace == null ? new StackTraceElement[0] : stackTrace;
        }

        public RemoteTaskException toException()
        {
            final RemoteTaskException ex =
                new RemoteTaskException(className, message, cause == null ? null : cause.toException());
            ex.setStackTrace(stackTrace);
            return ex;
        }
    }
}
