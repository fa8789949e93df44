package io.mmipc;

import io.mmipc.internal.launch.ChildOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 17.5: {@link JvmProcess#currentProcess()}, {@link JvmProcess#parentProcess()} and
 * {@link JvmProcess#activeChildren()}, with real child JVMs.
 */
class ProcessIntrospectionTest
{
    private static final Duration LIMIT = Duration.ofSeconds(120);

    private final List<JvmProcess> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException
    {
        for (final JvmProcess p : started)
        {
            if (p.isAlive())
            {
                p.kill();
                p.join(LIMIT);
            }
        }
    }

    private JvmProcess start(final JvmProcess p)
    {
        started.add(p);
        return p.start();
    }

    static void report()
    {
        final ProcessInfo self = JvmProcess.currentProcess();
        System.out.println("current " + self.name() + " " + self.pid() + " " + self.startTime().isPresent());
        final ProcessInfo parent = JvmProcess.parentProcess().orElseThrow();
        System.out.println("parent " + parent.name() + " " + parent.pid() + " " + parent.startMillis() + " " +
            parent.isAlive());
        System.out.println("children " + JvmProcess.activeChildren().size());
    }

    static void waitForKill() throws InterruptedException
    {
        Thread.sleep(TimeUnit.MINUTES.toMillis(3)); // the test kills it long before
    }

    @Test
    void aTopLevelJvmIsMainProcessWithNoParent()
    {
        final ProcessInfo self = JvmProcess.currentProcess();
        assertEquals("MainProcess", self.name());
        assertEquals(ProcessHandle.current().pid(), self.pid());
        assertTrue(self.isAlive());
        assertTrue(JvmProcess.parentProcess().isEmpty(), "surefire's JVM was not started by mmipc");
    }

    @Test
    @Timeout(180)
    void aChildKnowsItsNameAndItsParent() throws Exception
    {
        final JvmProcess child = start(JvmProcess.of(ProcessIntrospectionTest::report).name("worker-7")
            .output(ChildOutput.CAPTURE));
        assertTrue(child.join(LIMIT));
        assertEquals(0, child.exitCode().getAsInt(), child.stderr());
        final ProcessInfo self = JvmProcess.currentProcess();
        final String out = child.stdout();
        assertTrue(out.contains("current worker-7 " + child.pid() + " true"), out);
        assertTrue(out.contains("parent MainProcess " + self.pid() + " " + self.startMillis() + " true"), out);
        assertTrue(out.contains("children 0"), out);
    }

    @Test
    @Timeout(180)
    void aChildThatOutlivesItsParentStillNamesIt() throws Exception
    {
        final JvmProcess child = start(JvmProcess.of(ProcessIntrospectionTest::report).name("free")
            .outliveParent(true).output(ChildOutput.CAPTURE));
        assertTrue(child.join(LIMIT));
        assertEquals(0, child.exitCode().getAsInt(), child.stderr());
        assertTrue(child.stdout().contains("parent MainProcess " + ProcessHandle.current().pid()), child.stdout());
    }

    @Test
    @Timeout(180)
    void activeChildrenListsRunningChildrenAndDropsOneKilledWithSigkill() throws Exception
    {
        final JvmProcess a = start(JvmProcess.of(ProcessIntrospectionTest::waitForKill).name("a"));
        final JvmProcess b = start(JvmProcess.of(ProcessIntrospectionTest::waitForKill).name("b"));
        final List<JvmProcess> both = JvmProcess.activeChildren();
        assertTrue(both.contains(a) && both.contains(b), both::toString);
        assertTrue(both.indexOf(a) < both.indexOf(b), "in start order: " + both);

        a.kill();
        assertTrue(a.join(LIMIT));
        final List<JvmProcess> left = JvmProcess.activeChildren();
        assertFalse(left.contains(a), "a killed child is reaped: " + left);
        assertTrue(left.contains(b), left::toString);

        b.terminate();
        assertTrue(b.join(LIMIT));
        assertFalse(JvmProcess.activeChildren().contains(b));
    }
}
