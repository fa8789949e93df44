package io.mmipc.internal.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where a child JVM's stdout and stderr go: inherited (the default), captured for the caller to
 * read, or copied line by line to this JVM's streams with a prefix such as {@code [worker-1] }.
 */
public final class ChildOutput
{
    /** The child writes straight to this JVM's stdout and stderr. */
    public static final ChildOutput INHERIT = new ChildOutput(Mode.INHERIT, null, false);
    /** The child's output is kept for {@link ChildJvm#stdout()} and {@link ChildJvm#stderr()}. */
    public static final ChildOutput CAPTURE = new ChildOutput(Mode.CAPTURE, null, false);

    enum Mode
    {
        INHERIT, CAPTURE, PREFIX
    }

    private final Mode mode;
    private final String prefix;
    private final boolean alsoCapture;

    private ChildOutput(final Mode mode, final String prefix, final boolean alsoCapture)
    {
        this.mode = mode;
        this.prefix = prefix;
        this.alsoCapture = alsoCapture;
    }

    /**
     * Copies each line to this JVM's stdout or stderr behind {@code prefix}.
     */
    public static ChildOutput prefixed(final String prefix)
    {
        return new ChildOutput(Mode.PREFIX, prefix, false);
    }

    /**
     * Both prints each line behind {@code prefix} and keeps it for the caller.
     */
    public static ChildOutput prefixedAndCaptured(final String prefix)
    {
        return new ChildOutput(Mode.PREFIX, prefix, true);
    }

    boolean captures()
    {
        return mode == Mode.CAPTURE || alsoCapture;
    }

    void configure(final ProcessBuilder builder)
    {
        if (mode == Mode.INHERIT)
        {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        else
        {
            builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
            builder.redirectError(ProcessBuilder.Redirect.PIPE);
        }
    }

    /**
     * Starts a daemon thread that drains {@code in}; returns it, or null when the stream is inherited.
     */
    Thread pump(final String threadName, final InputStream in, final PrintStream echo, final StringBuffer capture)
    {
        if (mode == Mode.INHERIT)
        {
            return null;
        }
        final Thread thread = new Thread(() ->
        {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = reader.readLine()) != null)
                {
                    if (mode == Mode.PREFIX)
                    {
                        echo.println(prefix + line);
                    }
                    if (captures())
                    {
                        capture.append(line).append('\n');
                    }
                }
            }
            catch (final IOException ignore)
            {
                // the child is gone; what it wrote so far is kept
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
