package io.mmipc.internal.launch;

import io.mmipc.ProcessLogging;
import io.mmipc.JvmProcess;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessLoggingTest
{
    @Test
    @Timeout(120)
    void everyProcessStampsItsLinesWithItsNameAndPid() throws Exception
    {
        try (var parent = Children.start(LoggingParent.class))
        {
            final String out = Children.finish(parent, Duration.ofSeconds(100));
            final String err = parent.stderr();
            assertTrue(err.contains("[INFO/MainProcess pid " + parent.pid() + "] parent says hello"), err);
            final long childPid = Long.parseLong(Children.awaitLine(parent, "child pid ", Duration.ofSeconds(1)));
            assertTrue(err.contains("[INFO/worker-1 pid " + childPid + "] child says hello"), err);
            assertTrue(err.contains("[INFO/worker-1 pid " + childPid + "] process exiting with exit code 0"), err);
            assertTrue(out.contains("child pid"), out);
        }
    }

    public static final class LoggingParent
    {
        public static void main(final String[] args) throws Exception
        {
            ProcessLogging.logToStderr(Level.INFO).info("parent says hello");
            final JvmProcess child = JvmProcess.of(LoggingParent::work).name("worker-1").start();
            System.out.println("child pid " + child.pid());
            child.join();
        }

        static void work()
        {
            ProcessLogging.logger().info("child says hello");
        }
    }
}
