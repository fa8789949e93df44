package io.mmipc.internal.launch;

import io.mmipc.ProcessLogging;
import io.mmipc.Task;
import io.mmipc.codec.SerialFilter;
import io.mmipc.internal.FilteredSerialization;

import java.io.IOException;

/**
 * The main class of a {@link io.mmipc.JvmProcess} child: reads the task from stdin through the
 * allow-list and limits the parent computed ({@link SerialFilter#fromSpec}, checked per stream
 * with {@link SerialFilter#checker(long)}), runs it, and exits like a Python child: 0 when the task returns,
 * 1 with the stack trace on stderr when it throws.
 */
public final class TaskMain
{
    /** System property with the deserialization allow-list (JDK filter syntax). */
    public static final String FILTER_PROPERTY = "mmipc.task.filter";
    /** Exit code when the task itself cannot be read. */
    public static final int EXIT_BAD_TASK = 2;

    private TaskMain()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help")))
        {
            System.out.println("usage: a JvmProcess child, started by JvmProcess.start(): it reads a serialized task " +
                "from stdin (allow-list in -D" + FILTER_PROPERTY + ") and runs it. Not meant to be run by hand.");
            return;
        }
        ChildLogging.inheritFromParent();
        final String name = ProcessLogging.processName();
        final byte[] bytes = System.in.readAllBytes();
        final Task task;
        try
        {
            // The one-stream checker, as the pool's messages get: arrays are bounded by this stream's length too.
            final String spec = System.getProperty(FILTER_PROPERTY);
            final SerialFilter filter = spec != null ? SerialFilter.fromSpec(spec) : SerialFilter.defaults();
            task = (Task)FilteredSerialization.read(bytes, filter.checker(bytes.length));
        }
        catch (final FilteredSerialization.RefusedException ex)
        {
            System.err.println("mmipc: " + name + " refused to read its task: " + ex.getMessage() + (ex.refusedClass() == null ?
                "" : "; admit it with " + TaskCodec.admitHint("JvmProcess", ex)));
            System.exit(EXIT_BAD_TASK);
            return;
        }
        catch (final ClassNotFoundException | ClassCastException | IOException | IllegalArgumentException ex)
        {
            System.err.println("mmipc: " + name + " cannot read its task (" + bytes.length + " bytes): " + ex);
            ex.printStackTrace();
            System.exit(EXIT_BAD_TASK);
            return;
        }

        ProcessLogging.logger().fine("child process calling run()");
        try
        {
            task.run();
        }
        catch (final Throwable ex)
        {
            System.err.println("Process " + name + " (pid " + ProcessHandle.current().pid() + "):");
            ex.printStackTrace();
            System.err.flush();
            ProcessLogging.logger().info("process exiting with exit code 1");
            System.exit(1);
        }
        ProcessLogging.logger().info("process exiting with exit code 0");
    }
}
