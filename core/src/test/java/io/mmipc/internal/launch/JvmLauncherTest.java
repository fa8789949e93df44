package io.mmipc.internal.launch;

import io.mmipc.IpcContext;
import io.mmipc.internal.AgronaAccess;
import io.mmipc.internal.owner.ProcessIdentity;
import io.mmipc.test.Children;
import io.mmipc.test.Unreaped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class JvmLauncherTest
{
    @TempDir
    Path root;

    @Test
    void commandRunsTheSameJavaWithTheDeclaredFlagsAndTheCallersOptions()
    {
        final List<String> command = JvmLauncher.mainClass(Exit.class)
            .jvmOptions("-Xmx32m").systemProperty("a.b", "c").args("x", "y").command();
        assertEquals(JvmLauncher.javaCommand(), command.get(0));
        assertTrue(command.contains("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"), command.toString());
        assertTrue(command.indexOf("-Xmx32m") > command.indexOf("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"));
        assertTrue(command.contains("-Da.b=c"));
        assertTrue(command.contains("-D" + ParentWatch.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid()));
        assertEquals(List.of(ChildMain.class.getName(), Exit.class.getName(), "x", "y"),
            command.subList(command.size() - 4, command.size()));
        assertFalse(JvmLauncher.mainClass(Exit.class).outliveParent(true).command().stream()
            .anyMatch(arg -> arg.startsWith("-D" + ParentWatch.PARENT_PID_PROPERTY)));
    }

    @Test
    @Timeout(60)
    void exitCodeAndOutputComeBack() throws Exception
    {
        try (ChildJvm child = Children.start(Exit.class, "3", "hello"))
        {
            assertTrue(child.waitFor(Duration.ofSeconds(50)));
            assertEquals(3, child.exitCode().getAsInt());
            assertEquals("hello\n", child.stdout());
            assertEquals("to stderr\n", child.stderr());
            assertFalse(child.isAlive());
        }
    }

    @Test
    @Timeout(60)
    void anExceptionInMainIsExitCodeOneWithItsStackTrace() throws Exception
    {
        try (ChildJvm child = Children.start(Exit.class, "throw", "boom"))
        {
            assertTrue(child.waitFor(Duration.ofSeconds(50)));
            assertEquals(1, child.exitCode().getAsInt());
            assertTrue(child.stderr().contains("IllegalStateException: boom"), child.stderr());
            assertTrue(child.stderr().contains("at " + Exit.class.getName() + ".main"), child.stderr());
        }
    }

    @Test
    @Timeout(90)
    void aChildWhoseParentIsKilledExitsByItself() throws Exception
    {
        try (ChildJvm parent = Children.start(Parent.class, "watched"))
        {
            final long grandchild = Long.parseLong(Children.awaitLine(parent, "grandchild ", Duration.ofSeconds(60)));
            final ProcessHandle handle = ProcessHandle.of(grandchild).orElseThrow();
            assertTrue(handle.isAlive());
            parent.kill();
            Children.await("the grandchild to notice its parent died", Duration.ofSeconds(20), () -> !handle.isAlive());
        }
    }

    @Test
    @Timeout(120)
    void aChildWhoseKilledParentStaysAZombieExitsByItself() throws Exception
    {
        assumeTrue(Files.isReadable(Paths.get("/proc/self/stat")), "zombies are told apart through Linux's /proc");
        ProcessIdentity child = null;
        try (Unreaped parent = Unreaped.start(Children.launcher(Parent.class, "watched"), root))
        {
            final long pid = Long.parseLong(parent.awaitLine("grandchild ", Duration.ofSeconds(60)));
            child = ProcessIdentity.of(pid);
            assertTrue(child.isAlive(), child.toString());
            parent.kill();
            Children.await("the killed parent to be a zombie", Duration.ofSeconds(20), parent::isZombie);
            assertTrue(ProcessHandle.of(parent.pid()).map(ProcessHandle::isAlive).orElse(false),
                "the JDK calls the zombie alive: the case this test is about");
            final ProcessIdentity watched = child;
            Children.await("the child to notice its parent died", Duration.ofSeconds(20), () -> !watched.isAlive());
            assertTrue(parent.stderr().contains("child " + pid + " exits with " + ParentWatch.EXIT_PARENT_DIED),
                parent.stderr());
            assertTrue(parent.isZombie(), "nobody reaped the parent: the child judged it by its state");
        }
        finally
        {
            if (child != null && child.isAlive())
            {
                ProcessHandle.of(child.pid()).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    @Timeout(90)
    void aChildStartedToOutliveItsParentKeepsRunning() throws Exception
    {
        ProcessHandle survivor = null;
        try (ChildJvm parent = Children.start(Parent.class, "outlive"))
        {
            final long grandchild = Long.parseLong(Children.awaitLine(parent, "grandchild ", Duration.ofSeconds(60)));
            survivor = ProcessHandle.of(grandchild).orElseThrow();
            parent.kill();
            parent.waitFor(Duration.ofSeconds(10));
            // Watches run every 100 ms: a second of life after the parent's death shows there is none.
            Thread.sleep(1_000);
            assertTrue(survivor.isAlive(), "a child started to outlive its parent must keep running");
        }
        finally
        {
            if (survivor != null)
            {
                survivor.destroyForcibly();
                final ProcessHandle gone = survivor;
                Children.await("the survivor to be killed", Duration.ofSeconds(20), () -> !gone.isAlive());
            }
        }
    }

    @Test
    @Timeout(60)
    void aJvmWithoutTheAgronaFlagGetsTheFailFastMessage() throws Exception
    {
        try (ChildJvm child = Children.launcher(UsesMmipc.class, root.toString()).requiredFlags(false).start())
        {
            assertTrue(child.waitFor(Duration.ofSeconds(50)));
            assertEquals(1, child.exitCode().getAsInt());
            assertTrue(child.stderr().contains(AgronaAccess.FLAG), child.stderr());
            assertTrue(child.stderr().contains("JDK_JAVA_OPTIONS"), child.stderr());
        }
        // ... and with the flags, the same program works.
        assertEquals("ok\n", Children.run(Duration.ofSeconds(50), UsesMmipc.class, root.toString()));
    }

    public static final class Exit
    {
        public static void main(final String[] args)
        {
            if (args[0].equals("throw"))
            {
                throw new IllegalStateException(args[1]);
            }
            System.out.println(args[1]);
            System.err.println("to stderr");
            System.exit(Integer.parseInt(args[0]));
        }
    }

    /** Starts a grandchild, prints its pid, then waits to be killed. */
    public static final class Parent
    {
        public static void main(final String[] args) throws Exception
        {
            final ChildJvm child = JvmLauncher.mainClass(Sleeper.class)
                .jvmOptions(Children.QUICK_JVM)
                .outliveParent(args[0].equals("outlive"))
                .start();
            System.out.println("grandchild " + child.pid());
            Thread.sleep(120_000);
        }
    }

    public static final class Sleeper
    {
        public static void main(final String[] args) throws Exception
        {
            Thread.sleep(120_000);
        }
    }

    public static final class UsesMmipc
    {
        public static void main(final String[] args)
        {
            try (IpcContext ctx = IpcContext.create(Paths.get(args[0])))
            {
                ctx.sharedMemory("x", 64).putLong(0, 1);
                System.out.println("ok");
            }
        }
    }
}
