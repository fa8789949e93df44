package io.mmipc;


import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Python's {@code multiprocessing.log_to_stderr()}: one logger whose lines carry the level, the
 * process's name and its pid, in every process.
 * <pre>
 *   [INFO/Process-1 pid 4242] child process calling run()
 * </pre>
 * Once a process calls {@link #logToStderr(Level)}, the children it starts afterwards log the same
 * way. SLF4J users: route SLF4J to {@code java.util.logging} (slf4j-jdk14) and the same formatter
 * stamps their lines, or use the system properties {@value #NAME_PROPERTY} and {@code PID} in their
 * own pattern.
 */
public final class ProcessLogging
{
    /** The logger's name, as Python's is "multiprocessing". */
    public static final String LOGGER_NAME = "mmipc";
    /** System property holding the name of the process this JVM is. */
    public static final String NAME_PROPERTY = "mmipc.process.name";
    /** System property a parent passes to its children with the level it logs at. */
    public static final String LEVEL_PROPERTY = "mmipc.log.level";
    /** The name of a JVM not started as a child. */
    public static final String MAIN_PROCESS = "MainProcess";

    private static final Logger LOGGER = Logger.getLogger(LOGGER_NAME);
    private static volatile Level stderrLevel;

    static
    {
        // Quiet unless asked, as Python's multiprocessing logger is; a logging.properties level wins.
        if (LOGGER.getLevel() == null)
        {
            LOGGER.setLevel(Level.WARNING);
        }
    }

    private ProcessLogging()
    {
    }

    /**
     * @return mmipc's logger (used by mmipc itself for process events).
     */
    public static Logger logger()
    {
        return LOGGER;
    }

    public static String processName()
    {
        return System.getProperty(NAME_PROPERTY, MAIN_PROCESS);
    }

    /**
     * Sends mmipc's logger to stderr at {@code level}, each line stamped with this process's name
     * and pid, here and in every child started from now on.
     *
     * @return the logger, to log with as well.
     */
    public static synchronized Logger logToStderr(final Level level)
    {
        for (final Handler handler : LOGGER.getHandlers())
        {
            if (handler instanceof StampedStderrHandler)
            {
                LOGGER.removeHandler(handler);
            }
        }
        final Handler handler = new StampedStderrHandler();
        handler.setLevel(level);
        LOGGER.addHandler(handler);
        LOGGER.setLevel(level);
        LOGGER.setUseParentHandlers(false);
        stderrLevel = level;
        return LOGGER;
    }

    public static Logger logToStderr()
    {
        return logToStderr(Level.INFO);
    }

    /**
     * @return a formatter that writes {@code [LEVEL/name pid N] message}.
     */
    public static Formatter formatter()
    {
        return new StampFormatter(processName(), ProcessHandle.current().pid());
    }

    /**
     * @return the level this process logs to stderr at ({@link #logToStderr}), or null when it does not.
     */
    public static Level stderrLevel()
    {
        return stderrLevel;
    }

    private static final class StampedStderrHandler extends ConsoleHandler
    {
        StampedStderrHandler()
        {
            setFormatter(formatter());
        }
    }

    private static final class StampFormatter extends Formatter
    {
        private final String stamp;

        StampFormatter(final String name, final long pid)
        {
            this.stamp = "/" + name + " pid " + pid + "] ";
        }

        @Override
        public String format(final LogRecord record)
        {
            final StringBuilder sb = new StringBuilder(96)
                .append('[').append(record.getLevel().getName()).append(stamp).append(formatMessage(record))
                .append(System.lineSeparator());
            if (record.getThrown() != null)
            {
                final StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                sb.append(trace);
            }
            return sb.toString();
        }
    }
}
