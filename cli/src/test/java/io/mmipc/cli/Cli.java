package io.mmipc.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code mmipc} in this JVM, as {@link Mmipc#main} does, with its output captured.
 */
public final class Cli
{
    /** What one run printed and returned. */
    public record Result(int exitCode, String out, String err)
    {
        /**
         * @return the output parsed as one JSON document (a strict parse: invalid JSON fails the test).
         */
        public Object json()
        {
            return JsonParser.parse(out);
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> jsonObject()
        {
            return (Map<String, Object>)json();
        }

        @Override
        public String toString()
        {
            return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    private Cli()
    {
    }

    /** A run in another thread, whose output can be read while it runs. */
    public record Running(StringWriter out, StringWriter err, CompletableFuture<Result> result)
    {
        /**
         * Waits until the output holds {@code lines} lines.
         */
        public void awaitLines(final int lines, final Duration timeout) throws InterruptedException
        {
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (out.toString().lines().count() < lines)
            {
                if (System.nanoTime() > deadline || result.isDone())
                {
                    throw new AssertionError("no " + lines + " lines within " + timeout + ":\n" + out + "\n" + err);
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
    }

    public static Result run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        return run(out, err, args);
    }

    /**
     * Runs the tool in a new thread.
     */
    public static Running start(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        return new Running(out, err, CompletableFuture.supplyAsync(() -> run(out, err, args)));
    }

    private static Result run(final StringWriter out, final StringWriter err, final String... args)
    {
        final CommandLine commandLine = Mmipc.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        final int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
