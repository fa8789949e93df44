package io.mmipc;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Which rolled files of a {@link DurableLog} are deleted. The current file is never deleted, and
 * neither is any file that a tailer still needs: one an open tailer (in any process) reads or has
 * yet to read, or one at or after a named tailer's acknowledged position, whether or not a process
 * holds that tailer now. Retention runs when an appender rolls to a new file, and on
 * {@link DurableLog#applyRetention()}.
 */
public final class LogRetention implements Serializable
{
    private static final long serialVersionUID = 1L;
    private static final LogRetention KEEP_ALL = new LogRetention(-1, null);

    private final int rolledFiles;
    private final Duration age;

    private LogRetention(final int rolledFiles, final Duration age)
    {
        this.rolledFiles = rolledFiles;
        this.age = age;
    }

    /**
     * @return the default: nothing is ever deleted.
     */
    public static LogRetention keepAll()
    {
        return KEEP_ALL;
    }

    /**
     * @return keep the {@code count} newest rolled files beside the current one; delete older ones.
     */
    public static LogRetention keepRolledFiles(final int count)
    {
        if (count < 0)
        {
            throw new IllegalArgumentException("rolled files to keep must be >= 0, got " + count);
        }
        return new LogRetention(count, null);
    }

    /**
     * @return delete rolled files whose cycle ended more than {@code age} ago.
     */
    public static LogRetention keepFor(final Duration age)
    {
        if (age.isNegative())
        {
            throw new IllegalArgumentException("retention age must not be negative, got " + age);
        }
        return new LogRetention(-1, age);
    }

    /**
     * @return true when this rule never deletes anything.
     */
    public boolean keepsAll()
    {
        return rolledFiles < 0 && age == null;
    }

    /**
     * @return the number of rolled files kept, or -1 when not limited by count.
     */
    public int rolledFiles()
    {
        return rolledFiles;
    }

    /**
     * @return how long rolled files are kept, or null when not limited by age.
     */
    public Duration age()
    {
        return age;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof LogRetention && ((LogRetention)o).rolledFiles == rolledFiles &&
            Objects.equals(((LogRetention)o).age, age);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(rolledFiles, age);
    }

    @Override
    public String toString()
    {
        return keepsAll() ? "keepAll" : rolledFiles >= 0 ? "keepRolledFiles(" + rolledFiles + ")" : "keepFor(" + age + ")";
    }
}
