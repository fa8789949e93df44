package io.mmipc.agrona.sync;

import io.mmipc.Task;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a barrier handle carries besides its file: the action its holder runs when it trips the
 * barrier, and its default timeout. It travels in the handle's {@code related} field, so a barrier
 * captured by a task keeps both in the child JVM.
 * <p>
 * Equality is by the action's class and the timeout, not the action's identity: a deserialized
 * lambda is a new object each time, and the JVM's handle cache ({@code Handles}) must find the
 * barrier it opened before instead of opening one more per task. Two handles whose actions come
 * from the same lambda but capture different values therefore share the first one's barrier object
 * in a JVM that receives both.
 *
 * @param action       run by the party that trips the barrier, before any party is released; null for none.
 * @param timeoutNanos the timeout of {@code await()}, or {@code -1} for none.
 */
record BarrierOptions(Task action, long timeoutNanos) implements Serializable
{
    static final long NO_TIMEOUT = -1;

    BarrierOptions
    {
        if (timeoutNanos < 0 && timeoutNanos != NO_TIMEOUT)
        {
            throw new IllegalArgumentException("barrier default timeout must be >= 0 nanoseconds (or none), got " +
                timeoutNanos);
        }
    }

    boolean isNone()
    {
        return action == null && timeoutNanos == NO_TIMEOUT;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof BarrierOptions that && timeoutNanos == that.timeoutNanos &&
            Objects.equals(actionClass(), that.actionClass());
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(actionClass(), timeoutNanos);
    }

    private Class<?> actionClass()
    {
        return action == null ? null : action.getClass();
    }
}
