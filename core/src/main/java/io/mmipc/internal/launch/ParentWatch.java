package io.mmipc.internal.launch;

import io.mmipc.internal.owner.ProcessIdentity;
import io.mmipc.internal.wait.Waiter;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * Makes a child JVM exit when its parent dies. A daemon thread polls the parent's pid and start
 * time (a reused pid is a different process) through {@link ProcessIdentity#isAlive()}, so a
 * parent that was killed but not yet reaped (a zombie) counts as dead; when the parent is gone it
 * calls {@link System#exit} with {@link #EXIT_PARENT_DIED}, so shutdown hooks run, and halts if
 * they have not finished within {@link #HALT_AFTER_MILLIS}. Both waits go through a {@link Waiter}
 * that sleeps a period at a time.
 */
public final class ParentWatch
{
    /** System property naming the parent's pid; set by {@link JvmLauncher}. */
    public static final String PARENT_PID_PROPERTY = "mmipc.parent.pid";
    /** System property naming the parent's start time in epoch milliseconds. */
    public static final String PARENT_START_PROPERTY = "mmipc.parent.start";
    /** System property with the polling period in milliseconds. */
    public static final String PERIOD_PROPERTY = "mmipc.parent.watch.ms";
    /** The exit code of a child whose parent died. */
    public static final int EXIT_PARENT_DIED = 86;
    static final long HALT_AFTER_MILLIS = 5_000;

    private ParentWatch()
    {
    }

    /**
     * Starts watching the parent named by the system properties; does nothing when they are absent
     * (the child was started to outlive its parent, or not by the launcher).
     *
     * @return true when a watch was started.
     */
    public static boolean startFromSystemProperties()
    {
        final String pid = System.getProperty(PARENT_PID_PROPERTY);
        if (pid == null)
        {
            return false;
        }
        final long start = Long.parseLong(System.getProperty(PARENT_START_PROPERTY, "0"));
        final long period = Long.parseLong(System.getProperty(PERIOD_PROPERTY, "100"));
        start(new ProcessIdentity(Long.parseLong(pid), start), period);
        return true;
    }

    public static void start(final ProcessIdentity parent, final long periodMillis)
    {
        final Thread watcher = new Thread(() -> watch(parent, periodMillis), "mmipc-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void watch(final ProcessIdentity parent, final long periodMillis)
    {
        final Waiter waiter = new Waiter(new SleepingMillisIdleStrategy(periodMillis)).begin(Waiter.FOREVER, true);
        try
        {
            while (parent.isAlive())
            {
                if (waiter.idle() == Waiter.INTERRUPTED)
                {
                    return;
                }
            }
        }
        finally
        {
            waiter.end();
        }
        final Thread halter = new Thread(() ->
        {
            final Waiter grace = new Waiter(new SleepingMillisIdleStrategy(periodMillis))
                .begin(TimeUnit.MILLISECONDS.toNanos(HALT_AFTER_MILLIS), false);
            while (grace.idle() == Waiter.AGAIN)
            {
                // the shutdown hooks have until the deadline
            }
            Runtime.getRuntime().halt(EXIT_PARENT_DIED);
        }, "mmipc-parent-watch-halt");
        halter.setDaemon(true);
        halter.start();
        System.err.println("mmipc: parent " + parent + " died; child " + ProcessHandle.current().pid() +
            " exits with " + EXIT_PARENT_DIED);
        System.exit(EXIT_PARENT_DIED);
    }
}
