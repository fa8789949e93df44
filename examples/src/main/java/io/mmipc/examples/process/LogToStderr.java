package io.mmipc.examples.process;

import io.mmipc.JvmProcess;
import io.mmipc.ProcessLogging;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logging from several processes (seed 003, "Logging"; rebuilt from the prose):
 * {@code logger = multiprocessing.log_to_stderr(); logger.setLevel(logging.INFO)}, then every
 * process logs, each line stamped with the process's name and pid.
 */
public final class LogToStderr
{
    static void hello(final int i)
    {
        ProcessLogging.logger().info("hello from worker " + i);
    }

    public static void main(final String[] args) throws Exception
    {
        final Logger logger = ProcessLogging.logToStderr();
        logger.setLevel(Level.INFO);
        logger.info("starting three workers");

        final List<JvmProcess> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            final int id = i;
            processes.add(JvmProcess.of(() -> hello(id)).start());
        }
        for (final JvmProcess p : processes)
        {
            p.join();
        }
        logger.info("all workers done");
    }
}
