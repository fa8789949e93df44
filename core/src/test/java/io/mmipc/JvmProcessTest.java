package io.mmipc;

import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.codec.SerialFilter;
import io.mmipc.internal.launch.ChildOutput;
import io.mmipc.internal.launch.TaskCodec;
import io.mmipc.internal.launch.TaskMain;
import io.mmipc.test.Children;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class JvmProcessTest
{
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path root;

    private final List<JvmProcess> started = new ArrayList<>();

    @AfterEach
    void killLeftovers()
    {
        for (final JvmProcess p : started)
        {
            if (p.isAlive())
            {
                p.kill();
            }
        }
    }

    private JvmProcess track(final JvmProcess p)
    {
        started.add(p);
        return p;
    }

    static void addTo(final SharedMemory memory, final long delta)
    {
        memory.getAndAddLong(0, delta);
    }

    @Test
    @Timeout(120)
    void aChildUpdatesSharedMemoryTheLambdaCaptured() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMemory counter = ctx.sharedMemory("counter", 64);
            final List<JvmProcess> ps = new ArrayList<>();
            for (int i = 1; i <= 3; i++)
            {
                final long delta = i;
                ps.add(track(ctx.process(() -> addTo(counter, delta)).start()));
            }
            for (final JvmProcess p : ps)
            {
                p.join();
                assertEquals(0, p.exitCode().getAsInt(), p.toString());
            }
            assertEquals(6, counter.getLongAcquire(0));
        }
    }

    @Test
    @Timeout(120)
    void exitCodesForReturnExceptionAndSystemExit() throws Exception
    {
        final JvmProcess ok = track(JvmProcess.of(() -> System.out.println("fine")).output(ChildOutput.CAPTURE).start());
        final JvmProcess fails = track(JvmProcess.of(JvmProcessTest::fail).name("failing").output(ChildOutput.CAPTURE)
            .start());
        final JvmProcess exits = track(JvmProcess.of(() -> System.exit(3)).start());
        ok.join();
        fails.join();
        exits.join();
        assertEquals(0, ok.exitCode().getAsInt());
        assertEquals("fine\n", ok.stdout());
        assertEquals(1, fails.exitCode().getAsInt());
        assertTrue(fails.stderr().contains("Process failing (pid " + fails.pid() + ")"), fails.stderr());
        assertTrue(fails.stderr().contains("IllegalStateException: task failed on purpose"), fails.stderr());
        assertTrue(fails.stderr().contains("at io.mmipc.JvmProcessTest.fail"), fails.stderr());
        assertEquals(3, exits.exitCode().getAsInt());
    }

    static void fail()
    {
        throw new IllegalStateException("task failed on purpose");
    }

    @Test
    @Timeout(120)
    void joinWithTimeoutReturnsWhileTheChildRunsThenTerminateAndKillEndIt() throws Exception
    {
        final JvmProcess sleeper = track(JvmProcess.of(() -> Thread.sleep(60_000)).start());
        final JvmProcess other = track(JvmProcess.of(() -> Thread.sleep(60_000)).start());
        assertTrue(sleeper.exitCode().isEmpty());
        assertFalse(sleeper.join(Duration.ofMillis(200)), "join(timeout) returns false while the child runs");
        assertTrue(sleeper.isAlive());

        sleeper.terminate();
        assertTrue(sleeper.join(LIMIT));
        assertFalse(sleeper.isAlive());
        assertEquals(143, sleeper.exitCode().getAsInt(), "SIGTERM");

        other.kill();
        assertTrue(other.join(LIMIT));
        assertFalse(other.isAlive());
        assertEquals(137, other.exitCode().getAsInt(), "SIGKILL");
    }

    @Test
    @Timeout(120)
    void aSubclassRunsItsOwnRunMethod() throws Exception
    {
        final Greeter greeter = new Greeter("bob");
        greeter.output(ChildOutput.CAPTURE).name("greeter");
        track(greeter).start().join();
        assertEquals(0, greeter.exitCode().getAsInt(), greeter.stderr());
        assertEquals("hello bob from greeter\n", greeter.stdout());
    }

    static final class Greeter extends JvmProcess
    {
        private static final long serialVersionUID = 1L;
        private final String who;

        Greeter(final String who)
        {
            this.who = who;
        }

        @Override
        public void run()
        {
            System.out.println("hello " + who + " from " + JvmProcess.currentName());
        }
    }

    @Test
    void aTaskThatCapturesSomethingUnserializableFailsAtStartSayingWhat()
    {
        final Object notSerializable = new Object();
        final IllegalArgumentException captured = assertThrows(IllegalArgumentException.class,
            () -> JvmProcess.of(() -> System.out.println(notSerializable)).start());
        assertTrue(captured.getMessage().contains("captures captured value #0, a java.lang.Object, which is not " +
            "Serializable"), captured.getMessage());
        assertTrue(captured.getMessage().contains("the lambda in io.mmipc.JvmProcessTest"), captured.getMessage());

        final IllegalArgumentException self = assertThrows(IllegalArgumentException.class,
            () -> JvmProcess.of(() -> System.out.println(root)).start());
        assertTrue(self.getMessage().contains("captures 'this', a io.mmipc.JvmProcessTest"), self.getMessage());
    }

    @Test
    @Timeout(120)
    void aCapturedClassOutsideTheAllowListIsRefusedAtStartNamingItUnlessAllowed() throws Exception
    {
        final URI uri = URI.create("https://example.org/");
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> JvmProcess.of(() -> System.out.println(uri)).name("Refused-1").start());
        assertEquals("Refused-1's task cannot be sent to a child JVM: it holds java.net.URI, which the child's " +
            "allow-list does not admit; admit it with JvmProcess.allowClass(java.net.URI.class) or " +
            "JvmProcess.allowPackage(\"java.net\")", refused.getMessage());

        final JvmProcess allowed = track(JvmProcess.of(() -> System.out.println(uri)).output(ChildOutput.CAPTURE)
            .allowClass(URI.class).start());
        allowed.join();
        assertEquals(0, allowed.exitCode().getAsInt(), allowed.stderr());
        assertEquals("https://example.org/\n", allowed.stdout());
    }

    @Test
    @Timeout(120)
    void aChildThatRefusesItsTaskNamesTheClass() throws Exception
    {
        // What the parent's check prevents, seen from the child: a task whose bytes hold a refused class.
        final URI uri = URI.create("https://example.org/");
        final Task task = () -> System.out.println(uri);
        final byte[] bytes = TaskCodec.serialize(task, "the task", SerialFilter.defaults().allowClass(URI.class)
            .allowPackage("io.mmipc"));
        try (ChildJvm child = Children.launcher(TaskMain.class)
            .systemProperty(TaskMain.FILTER_PROPERTY, SerialFilter.defaults().spec())
            .stdin(bytes)
            .start())
        {
            assertTrue(child.waitFor(LIMIT), "the child did not finish");
            assertEquals(TaskMain.EXIT_BAD_TASK, child.exitCode().getAsInt(), child::stderr);
            assertTrue(child.stderr().contains("refused to read its task: class java.net.URI is not in the allow-list; " +
                "admit it with JvmProcess.allowClass(java.net.URI.class) or JvmProcess.allowPackage(\"java.net\")"),
                child.stderr());
        }
    }

    @Test
    @Timeout(120)
    void childrenExitWhenTheirParentJvmIsKilled() throws Exception
    {
        try (ChildJvm parent = Children.start(ParentOfSleepers.class))
        {
            final long first = Long.parseLong(Children.awaitLine(parent, "child1 ", LIMIT));
            final long second = Long.parseLong(Children.awaitLine(parent, "child2 ", LIMIT));
            parent.kill();
            Children.await("both children to exit", Duration.ofSeconds(20),
                () -> ProcessHandle.of(first).map(h -> !h.isAlive()).orElse(true) &&
                    ProcessHandle.of(second).map(h -> !h.isAlive()).orElse(true));
        }
    }

    @Test
    @Timeout(120)
    void aParentThatEndsNormallyJoinsNonDaemonChildrenAndTerminatesDaemonOnes() throws Exception
    {
        final Path marker = root.resolve("non-daemon-finished");
        try (ChildJvm parent = Children.start(ExitingParent.class, marker.toString()))
        {
            final long daemon = Long.parseLong(Children.awaitLine(parent, "daemon ", LIMIT));
            Children.finish(parent, LIMIT);
            assertTrue(Files.exists(marker), "the parent waited for its non-daemon child");
            Children.await("the daemon child to be terminated", Duration.ofSeconds(20),
                () -> ProcessHandle.of(daemon).map(h -> !h.isAlive()).orElse(true));
        }
    }

    @Test
    void callsInTheWrongStateAreClearErrors() throws Exception
    {
        final JvmProcess p = JvmProcess.of(() -> { });
        assertThrows(IllegalStateException.class, p::join);
        assertThrows(IllegalStateException.class, p::pid);
        assertTrue(p.exitCode().isEmpty());
        assertFalse(p.isAlive());
        assertTrue(p.toString().contains("initial"), p.toString());
        track(p).start();
        assertThrows(IllegalStateException.class, p::start);
        assertThrows(IllegalStateException.class, () -> p.name("late"));
        p.join();
        assertTrue(p.toString().contains("exitcode=0"), p.toString());
        assertTrue(p.name().startsWith("Process-"));
    }

    static void sleep() throws InterruptedException
    {
        Thread.sleep(120_000);
    }

    /** Starts two sleeping children, prints their pids, sleeps until killed. */
    public static final class ParentOfSleepers
    {
        public static void main(final String[] args) throws Exception
        {
            final JvmProcess a = JvmProcess.of(JvmProcessTest::sleep).start();
            final JvmProcess b = JvmProcess.of(JvmProcessTest::sleep).daemon(true).start();
            System.out.println("child1 " + a.pid());
            System.out.println("child2 " + b.pid());
            Thread.sleep(120_000);
        }
    }

    /** Starts a non-daemon child that finishes after a while and a daemon child that would sleep; then returns. */
    public static final class ExitingParent
    {
        public static void main(final String[] args) throws Exception
        {
            final String marker = args[0];
            JvmProcess.of(() -> finishLater(marker)).start();
            final JvmProcess daemon = JvmProcess.of(JvmProcessTest::sleep).daemon(true).start();
            System.out.println("daemon " + daemon.pid());
        }
    }

    static void finishLater(final String marker) throws Exception
    {
        Thread.sleep(1_500);
        Files.writeString(Paths.get(marker), "done");
    }
}
