package io.mmipc.aeron;

import io.mmipc.codec.SerialFilter;
import io.mmipc.internal.FilteredSerialization;
import io.mmipc.internal.file.Names;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * What a pool and a {@link PoolAgent} tell each other, over authenticated network objects of the
 * pool's context: {@link Start} on the agent's request queue ({@link #queueName}); then, on one
 * control pipe per worker (end 1 the pool's, end 2 the agent's), {@link Started} and
 * {@link Exited} from the agent and {@link Kill} from the pool. Java-serialized records read
 * through {@link #FILTER}, which admits these records and strings and nothing else: no handle,
 * no task, no user class reaches an agent's deserializer.
 */
final class AgentMessages
{
    /** The agent's request queue, on the home node: this prefix and the agent's name. */
    static final String QUEUE_PREFIX = "mmipc-agent.";
    /** The largest request: the initializer travels in it. */
    static final int MAX_MESSAGE_LENGTH = 16 << 20;
    static final SerialFilter FILTER = SerialFilter.of(
        AgentMessages.class.getName() + "$*",
        "java.lang.String");

    private AgentMessages()
    {
    }

    static String queueName(final String agent)
    {
        return Names.validate("agent name", QUEUE_PREFIX + agent);
    }

    /**
     * Pool to agent: start a pool worker that serves end 2 of {@code pipe}; report on end 2 of {@code control}.
     * The agent makes the worker task itself from these settings: it starts nothing else.
     */
    record Start(String worker, String pipe, String control, int maxMessageLength, String[] allowPatterns,
        int maxTasksPerChild, byte[] initializer, String[] jvmOptions) implements Serializable
    {
        Start
        {
            Names.validate("worker name", worker);
            Names.validate("pipe name", pipe);
            Names.validate("pipe name", control);
            if (maxMessageLength < 1024 || maxTasksPerChild < 0 || allowPatterns == null || jvmOptions == null)
            {
                throw new IllegalArgumentException("start request out of range: largest message " + maxMessageLength +
                    ", tasks per child " + maxTasksPerChild);
            }
            for (final String pattern : allowPatterns)
            {
                SerialFilter.of(pattern); // the same check the pool made: one positive JDK filter pattern
            }
        }
    }

    /** Agent to pool: the worker's JVM runs, with this pid, on the agent's node {@code node}. */
    record Started(long pid, String node) implements Serializable
    {
    }

    /** Agent to pool: the worker ended with {@code exitCode} (-1 when it could not start; {@code why} says why). */
    record Exited(int exitCode, String why) implements Serializable
    {
    }

    /** Pool to agent: kill the worker now. */
    record Kill() implements Serializable
    {
    }

    static byte[] write(final Object message)
    {
        try
        {
            return FilteredSerialization.write(message, FILTER);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot serialize " + message + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @throws IllegalStateException naming what the filter refused, or why the bytes do not read.
     */
    static Object read(final byte[] bytes)
    {
        try
        {
            return FilteredSerialization.read(bytes, FILTER.checker(bytes.length));
        }
        catch (final IOException | ClassNotFoundException | RuntimeException ex)
        {
            throw new IllegalStateException("unreadable agent message of " + bytes.length + " bytes: " + ex, ex);
        }
    }
}
