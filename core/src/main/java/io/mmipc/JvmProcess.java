package io.mmipc;

import io.mmipc.codec.SerialFilter;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.internal.launch.ChildOutput;
import io.mmipc.internal.launch.JvmLauncher;
import io.mmipc.internal.launch.ParentProcess;
import io.mmipc.internal.owner.ProcessIdentity;
import io.mmipc.ProcessLogging;
import io.mmipc.internal.launch.TaskCodec;
import io.mmipc.internal.launch.TaskMain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child JVM that runs a {@link Task}: Python's {@code multiprocessing.Process}.
 * <pre>{@code
 * JvmProcess p = ctx.process(() -> f("bob"));   // Process(target=f, args=('bob',))
 * p.start();
 * p.join();
 * }</pre>
 * Or, like a {@code Process} subclass, extend this class and override {@link #run()}; the object
 * itself is sent to the child, so its fields must be serializable.
 * <p>
 * <b>Python's semantics at exit.</b> While a non-daemon child runs, this JVM does not end: when its
 * main thread returns it waits for such children, as Python joins them. Daemon children are
 * terminated when this JVM shuts down. If this JVM is killed, every child notices within a fraction
 * of a second and exits, unless it was started to {@linkplain #outliveParent(boolean) outlive} it.
 * <p>
 * <b>Exit codes.</b> 0 when the task returns; 1 when it throws (its stack trace goes to the child's
 * stderr); {@code n} after {@code System.exit(n)}; 128 + the signal number when a signal ended it
 * (143 after {@link #terminate()}, 137 after {@link #kill()}).
 */
public class JvmProcess implements Task
{
    private static final long serialVersionUID = 1L;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /**
     * The children this JVM started, in start order, until {@link #activeChildren()} or a later
     * start finds them ended (Python's {@code _children} and its clean-up). By identity: a subclass
     * may define equality. Guarded by itself.
     */
    private static final List<JvmProcess> CHILDREN = new ArrayList<>();

    private final Task target;
    private String name;
    private boolean daemon;
    private transient List<String> jvmOptions = new ArrayList<>();
    private transient Map<String, String> systemProperties = new LinkedHashMap<>();
    private transient List<String> allowPatterns = new ArrayList<>();
    private transient ChildOutput output;
    private transient boolean outliveParent;
    private transient ChildJvm child;

    /**
     * For subclasses that override {@link #run()}.
     */
    protected JvmProcess()
    {
        this(null);
    }

    public JvmProcess(final Task target)
    {
        this.target = target;
        this.name = "Process-" + COUNTER.incrementAndGet();
    }

    public static JvmProcess of(final Task target)
    {
        return new JvmProcess(Objects.requireNonNull(target, "target"));
    }

    /**
     * The process's work, run in the child: the target by default.
     */
    @Override
    public void run() throws Exception
    {
        if (target == null)
        {
            throw new IllegalStateException(name + " has no target: pass a Task or override run()");
        }
        target.run();
    }

    /**
     * @return the name of the process this code runs in: a child's name, or {@code "MainProcess"}.
     */
    public static String currentName()
    {
        return ProcessLogging.processName();
    }

    /**
     * Python's {@code multiprocessing.current_process()}: this JVM's name (a child's name given at
     * launch, {@code "MainProcess"} otherwise), pid and start time.
     */
    public static ProcessInfo currentProcess()
    {
        final ProcessIdentity self = ProcessIdentity.current();
        return new ProcessInfo(ProcessLogging.processName(), self.pid(), self.startMillis());
    }

    /**
     * Python's {@code multiprocessing.parent_process()}: the JVM that started this one (found
     * alive or not: {@link ProcessInfo#isAlive()} tells), or empty in a JVM that mmipc did not start.
     */
    public static Optional<ProcessInfo> parentProcess()
    {
        final ProcessIdentity parent = ParentProcess.identity();
        return parent == null ? Optional.empty() :
            Optional.of(new ProcessInfo(ParentProcess.name(), parent.pid(), parent.startMillis()));
    }

    /**
     * Python's {@code multiprocessing.active_children()}: the children this JVM started (Pool
     * workers included) that still run, in start order. Like Python it reaps as it goes: a child
     * found ended is dropped and is not listed again.
     */
    public static List<JvmProcess> activeChildren()
    {
        synchronized (CHILDREN)
        {
            CHILDREN.removeIf(p -> !p.isAlive());
            return List.copyOf(CHILDREN);
        }
    }

    public final Task target()
    {
        return target;
    }

    public final String name()
    {
        return name;
    }

    public final JvmProcess name(final String value)
    {
        checkNotStarted();
        name = Objects.requireNonNull(value, "name");
        return this;
    }

    public final boolean isDaemon()
    {
        return daemon;
    }

    /**
     * @param value true for a child that this JVM terminates at its exit instead of waiting for it.
     */
    public final JvmProcess daemon(final boolean value)
    {
        checkNotStarted();
        daemon = value;
        return this;
    }

    /**
     * Adds JVM options for the child ({@code -Xmx2g}).
     */
    public final JvmProcess jvmOptions(final String... options)
    {
        checkNotStarted();
        jvmOptions.addAll(List.of(options));
        return this;
    }

    public final JvmProcess systemProperty(final String key, final String value)
    {
        checkNotStarted();
        systemProperties.put(key, value);
        return this;
    }

    /**
     * Lets the child deserialize classes of {@code packageName} (and subpackages) that the task
     * captures. The task's own package and mmipc's are admitted already.
     */
    public final JvmProcess allowPackage(final String packageName)
    {
        checkNotStarted();
        allowPatterns.add(packageName + ".**");
        return this;
    }

    public final JvmProcess allowClass(final Class<?> type)
    {
        checkNotStarted();
        allowPatterns.add(type.getName());
        return this;
    }

    /**
     * @param value true to copy the child's output line by line behind {@code [name] }.
     */
    public final JvmProcess prefixOutput(final boolean value)
    {
        return output(value ? ChildOutput.prefixed("[" + name + "] ") : ChildOutput.INHERIT);
    }

    /**
     * Where the child's stdout and stderr go: inherited (the default), prefixed, or captured for
     * {@link #stdout()} and {@link #stderr()}.
     */
    public final JvmProcess output(final ChildOutput value)
    {
        checkNotStarted();
        output = Objects.requireNonNull(value, "output");
        return this;
    }

    /**
     * @return what the child wrote to stdout, when its output is captured.
     */
    public final String stdout()
    {
        return started().stdout();
    }

    /**
     * @return what the child wrote to stderr, when its output is captured.
     */
    public final String stderr()
    {
        return started().stderr();
    }

    /**
     * @param value true for a child that keeps running when this JVM dies.
     */
    public final JvmProcess outliveParent(final boolean value)
    {
        checkNotStarted();
        outliveParent = value;
        return this;
    }

    /**
     * Serializes the task here (so a task that cannot be sent fails now, saying what it captured)
     * and starts the child JVM.
     *
     * @throws IllegalArgumentException when the task cannot be serialized, or holds a class the
     *         child's allow-list refuses (named, with the {@link #allowClass}/{@link #allowPackage} call that admits it).
     * @throws IllegalStateException when already started.
     */
    public final JvmProcess start()
    {
        checkNotStarted();
        final SerialFilter childFilter = TaskCodec.filterFor(this, allowPatterns);
        final byte[] bytes = TaskCodec.serialize(this, name + "'s task", childFilter);
        final JvmLauncher launcher = JvmLauncher.mainClass(TaskMain.class)
            .name(name)
            .systemProperty(ProcessLogging.NAME_PROPERTY, name)
            .systemProperty(TaskMain.FILTER_PROPERTY, childFilter.spec())
            .jvmOptions(jvmOptions)
            .stdin(bytes)
            .outliveParent(outliveParent)
            .output(output != null ? output : ChildOutput.INHERIT);
        io.mmipc.internal.launch.ChildLogging.forwardTo(launcher);
        systemProperties.forEach(launcher::systemProperty);
        try
        {
            child = launcher.start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + name + ": " + ex.getMessage(), ex);
        }
        ProcessLogging.logger().fine(() -> "started " + name + " (pid " + child.pid() + ")");
        synchronized (CHILDREN)
        {
            CHILDREN.removeIf(p -> !p.isAlive()); // as Python's start() cleans up: ended children do not pile up
            CHILDREN.add(this);
        }
        if (!daemon)
        {
            keepParentAliveUntilExit(child);
        }
        return this;
    }

    /**
     * Waits for the child to end.
     */
    public final void join() throws InterruptedException
    {
        started().waitFor();
    }

    /**
     * @return true when the child ended within {@code timeout}; false when it still runs.
     */
    public final boolean join(final Duration timeout) throws InterruptedException
    {
        return started().waitFor(timeout);
    }

    public final boolean isAlive()
    {
        return child != null && child.isAlive();
    }

    /**
     * @return the exit code, or empty before the start and while the child runs.
     */
    public final OptionalInt exitCode()
    {
        return child == null ? OptionalInt.empty() : child.exitCode();
    }

    public final long pid()
    {
        return started().pid();
    }

    /**
     * Asks the child to end (SIGTERM): its shutdown hooks run.
     */
    public final void terminate()
    {
        started().terminate();
    }

    /**
     * Ends the child at once (SIGKILL).
     */
    public final void kill()
    {
        started().kill();
    }

    @Override
    public String toString()
    {
        return "<JvmProcess " + name + (child == null ? " initial" : child.isAlive() ? " started pid " + child.pid() :
            " stopped exitcode=" + child.exitCode().orElse(-1)) + (daemon ? " daemon>" : ">");
    }

    /**
     * @return the started child's process, for {@link Connection#wait}.
     */
    final Process childProcess()
    {
        return started().process();
    }

    private ChildJvm started()
    {
        if (child == null)
        {
            throw new IllegalStateException(name + " has not been started");
        }
        return child;
    }

    private void checkNotStarted()
    {
        if (child != null)
        {
            throw new IllegalStateException(name + " has already been started");
        }
    }

    /**
     * A non-daemon thread that ends with the child: the JVM cannot exit while it runs, which is
     * Python's "join non-daemon children at exit".
     */
    private static void keepParentAliveUntilExit(final ChildJvm child)
    {
        final Thread joiner = new Thread(() ->
        {
            try
            {
                child.process().waitFor();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "mmipc-join-" + child.name());
        joiner.setDaemon(false);
        joiner.start();
    }
}
