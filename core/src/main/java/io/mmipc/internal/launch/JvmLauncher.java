package io.mmipc.internal.launch;

import io.mmipc.internal.owner.ProcessIdentity;
import io.mmipc.internal.spi.JvmFlags;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one place that starts another JVM: the same {@code java} binary, the same class path, the
 * flags every {@link io.mmipc.internal.spi.JvmRequirements} provider on the class path declares, then the
 * caller's options and system properties. The child runs {@link ChildMain}, which watches this
 * process and exits when it dies, unless the child was started to outlive it.
 */
public final class JvmLauncher
{
    private final String mainClass;
    private final List<String> args = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String classPath = System.getProperty("java.class.path");
    private String name;
    private ChildOutput output = ChildOutput.INHERIT;
    private boolean outliveParent;
    private boolean requiredFlags = true;
    private Path workingDirectory;
    private byte[] stdin;

    private JvmLauncher(final String mainClass)
    {
        this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
    }

    /**
     * @param mainClass a class with {@code public static void main(String[])} on the class path.
     */
    public static JvmLauncher mainClass(final Class<?> mainClass)
    {
        return new JvmLauncher(mainClass.getName());
    }

    public static JvmLauncher mainClass(final String mainClass)
    {
        return new JvmLauncher(mainClass);
    }

    /**
     * @return the {@code java} binary of this JVM.
     */
    public static String javaCommand()
    {
        return ProcessHandle.current().info().command()
            .orElseGet(() -> Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }

    public JvmLauncher args(final String... values)
    {
        args.addAll(List.of(values));
        return this;
    }

    public JvmLauncher args(final List<String> values)
    {
        args.addAll(values);
        return this;
    }

    /**
     * Adds JVM options ({@code -Xmx64m}, {@code -XX:+UseSerialGC}); they come after the required flags.
     */
    public JvmLauncher jvmOptions(final String... options)
    {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    public JvmLauncher jvmOptions(final List<String> options)
    {
        jvmOptions.addAll(options);
        return this;
    }

    public JvmLauncher systemProperty(final String key, final String value)
    {
        systemProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    public JvmLauncher environment(final String key, final String value)
    {
        environment.put(key, value);
        return this;
    }

    public JvmLauncher classPath(final String value)
    {
        classPath = Objects.requireNonNull(value, "classPath");
        return this;
    }

    /**
     * A name for messages and output prefixes; defaults to the main class's simple name.
     */
    public JvmLauncher name(final String value)
    {
        name = value;
        return this;
    }

    public JvmLauncher output(final ChildOutput value)
    {
        output = Objects.requireNonNull(value, "output");
        return this;
    }

    /**
     * @param value true for a child that keeps running when this JVM dies (no parent watch).
     */
    public JvmLauncher outliveParent(final boolean value)
    {
        outliveParent = value;
        return this;
    }

    /**
     * @param value false to leave out the flags the providers declare (only to test what happens without them).
     */
    public JvmLauncher requiredFlags(final boolean value)
    {
        requiredFlags = value;
        return this;
    }

    public JvmLauncher workingDirectory(final Path value)
    {
        workingDirectory = value;
        return this;
    }

    /**
     * @param bytes what the child reads from its standard input before end-of-input (by default
     *              nothing: the child's stdin is at its end from the start).
     */
    public JvmLauncher stdin(final byte[] bytes)
    {
        stdin = bytes.clone();
        return this;
    }

    /**
     * @return the command line {@link #start()} runs.
     */
    public List<String> command()
    {
        final List<String> command = new ArrayList<>();
        command.add(javaCommand());
        if (requiredFlags)
        {
            command.addAll(JvmFlags.current().jvmOptions());
        }
        command.addAll(jvmOptions);
        if (!outliveParent)
        {
            final ProcessIdentity self = ProcessIdentity.current();
            command.add("-D" + ParentWatch.PARENT_PID_PROPERTY + "=" + self.pid());
            command.add("-D" + ParentWatch.PARENT_START_PROPERTY + "=" + self.startMillis());
        }
        command.addAll(ParentProcess.jvmOptionsForChild());
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(classPath);
        command.add(ChildMain.class.getName());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * Writes the bytes from a daemon thread, so a child that dies before reading cannot block us.
     */
    private static void feed(final String name, final Process process, final byte[] bytes)
    {
        final Thread feeder = new Thread(() ->
        {
            try (OutputStream out = process.getOutputStream())
            {
                out.write(bytes);
            }
            catch (final IOException childGone)
            {
                // The child ended before reading its input; its exit code tells why.
            }
        }, "mmipc-stdin-" + name);
        feeder.setDaemon(true);
        feeder.start();
    }

    public ChildJvm start() throws IOException
    {
        final String childName = name != null ? name : mainClass.substring(mainClass.lastIndexOf('.') + 1);
        final ProcessBuilder builder = new ProcessBuilder(command());
        builder.environment().putAll(environment);
        if (workingDirectory != null)
        {
            builder.directory(workingDirectory.toFile());
        }
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        output.configure(builder);
        final Process process = builder.start();
        if (stdin == null)
        {
            // Nobody writes to the child's stdin; closing it gives the child an immediate end-of-input.
            process.getOutputStream().close();
        }
        else
        {
            feed(childName, process, stdin);
        }
        return new ChildJvm(childName, process, output, outliveParent);
    }
}
