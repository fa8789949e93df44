package io.mmipc.examples.process;

import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs each Process example as its own JVM (its workers are JVMs too) and checks what it printed.
 */
@Timeout(120)
class ProcessExamplesTest
{
    private static final Duration LIMIT = Duration.ofSeconds(100);

    private static List<String> run(final Class<?> example) throws Exception
    {
        return Arrays.asList(Children.run(LIMIT, example).split("\n"));
    }

    @Test
    void threeWorkersStartTogetherAndFinish() throws Exception
    {
        final List<String> lines = run(ThreeWorkers.class);
        for (int i = 0; i < 3; i++)
        {
            assertTrue(lines.contains("Worker " + i + " is starting."), lines.toString());
            assertTrue(lines.contains("Worker " + i + " has finished."), lines.toString());
        }
    }

    @Test
    void twoWorkersAndTheTotalTime() throws Exception
    {
        final List<String> lines = run(TwoWorkersTiming.class);
        assertTrue(lines.containsAll(List.of("Process Worker-1 started", "Process Worker-2 started",
            "Process Worker-1 finished", "Process Worker-2 finished")), lines.toString());
        assertTrue(lines.get(lines.size() - 1).matches("Total execution time: \\d+\\.\\d\\d seconds"), lines.toString());
    }

    @Test
    void aProcessSubclassRunsItsOwnRun() throws Exception
    {
        final List<String> lines = run(CustomProcess.class);
        for (int p = 1; p <= 3; p++)
        {
            final String name = "Process-" + p;
            assertTrue(lines.stream().anyMatch(l -> l.matches("Process " + name + " \\(PID: \\d+\\) started")),
                lines.toString());
            for (int t = 1; t <= 3; t++)
            {
                assertTrue(lines.contains(name + ": performing task " + t), lines.toString());
            }
            assertTrue(lines.contains("Process " + name + " finished"), lines.toString());
        }
    }

    @Test
    void theGreetingProcessGetsItsArgument() throws Exception
    {
        assertEquals(List.of("hello bob"), run(Greeting.class));
    }

    @Test
    void aProcessPrintsSquares() throws Exception
    {
        assertEquals(List.of("The number 1 squares to 1", "The number 2 squares to 4", "The number 3 squares to 9",
            "The number 4 squares to 16", "The number 5 squares to 25"), run(SquaresProcess.class));
    }

    @Test
    void squaresAndEvensSideBySide() throws Exception
    {
        final List<String> lines = run(SquaresAndEvens.class);
        assertTrue(lines.contains("The number 43 squares to 1849"), lines.toString());
        assertTrue(lines.contains("The number 98 is an even number"), lines.toString());
        assertFalse(lines.contains("The number 5 is an even number"), lines.toString());
        assertEquals(6 + 3 + 1, lines.size(), lines.toString());
        assertEquals("END!", lines.get(lines.size() - 1));
    }

    @Test
    void workersCatchAndReportTheirOwnErrors() throws Exception
    {
        final List<String> lines = run(WorkerErrors.class);
        assertTrue(lines.contains("Error in 2: An error occurred in worker 2."), lines.toString());
        assertTrue(lines.contains("Worker 0 has finished.") && lines.contains("Worker 1 has finished."), lines.toString());
        assertFalse(lines.contains("Worker 2 is starting."), lines.toString());
    }

    @Test
    void everyProcessLogsWithItsNameAndPid() throws Exception
    {
        try (ChildJvm child = Children.start(LogToStderr.class))
        {
            Children.finish(child, LIMIT);
            final String err = child.stderr();
            assertTrue(err.contains("[INFO/MainProcess pid " + child.pid() + "] starting three workers"), err);
            for (int i = 0; i < 3; i++)
            {
                assertTrue(err.matches("(?s).*\\[INFO/Process-\\d pid \\d+] hello from worker " + i + "\n.*"), err);
            }
            assertTrue(err.contains("] all workers done"), err);
        }
    }
}
