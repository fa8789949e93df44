package io.mmipc.internal.launch;

import io.mmipc.ProcessLogging;

import java.util.logging.Level;

/**
 * Carries {@link ProcessLogging#logToStderr} from a parent to the child JVMs it launches: the
 * launcher passes the level as a system property, and the child's entry point applies it.
 */
public final class ChildLogging
{
    private ChildLogging()
    {
    }

    /**
     * Passes this process's logging to a child being launched.
     */
    public static void forwardTo(final JvmLauncher launcher)
    {
        final Level level = ProcessLogging.stderrLevel();
        if (level != null)
        {
            launcher.systemProperty(ProcessLogging.LEVEL_PROPERTY, level.getName());
        }
    }

    /**
     * In a child: logs to stderr when the parent did.
     */
    public static void inheritFromParent()
    {
        final String level = System.getProperty(ProcessLogging.LEVEL_PROPERTY);
        if (level != null)
        {
            ProcessLogging.logToStderr(Level.parse(level));
        }
    }
}
