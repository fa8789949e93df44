package io.mmipc.examples.pool;

import io.mmipc.examples.ExampleRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(180)
class PoolExamplesTest
{
    @TempDir
    Path root;

    @Test
    void poolMapPrintsTheSquares() throws Exception
    {
        assertEquals(List.of("[1, 4, 9, 16, 25]"), ExampleRun.run(root, PoolSquares.class));
    }

    @Test
    void squaresAndFactorials() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, SquaresAndFactorials.class);
        assertTrue(lines.contains("Squares: [1, 4, 9, 16, 25, 36, 49, 64, 81, 100]..."), lines.toString());
        final List<BigInteger> factorials = new ArrayList<>();
        BigInteger f = BigInteger.ONE;
        for (int i = 1; i <= 10; i++)
        {
            f = f.multiply(BigInteger.valueOf(i));
            factorials.add(f);
        }
        assertTrue(lines.contains("Factorials: " + factorials), lines.toString());
    }

    @Test
    void applyAsyncResultsWithATimeout() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, ApplyAsyncResults.class);
        assertEquals("Results: [0, 1, 4, 9, 16]", lines.get(lines.size() - 1));
        for (int i = 0; i < 5; i++)
        {
            assertTrue(lines.contains("Task " + i + " started") && lines.contains("Task " + i + " finished"),
                lines.toString());
        }
    }

    @Test
    void theErrorCallbackReportsTaskTwoAndTheOthersSucceed() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, ErrorCallback.class);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("An error occurred: ") && l.contains("Error in task 2")),
            lines.toString());
        for (final int i : new int[] {0, 1, 3, 4})
        {
            assertTrue(lines.contains("Result " + i + ": Task " + i + " completed successfully: " + i * 2),
                lines.toString());
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Failed to get result 2: ") && l.contains("Error in task 2")),
            lines.toString());
    }

    @Test
    void theTracebackVariantReturnsTheStackTrace() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, RiskyTasksWithTraceback.class);
        assertTrue(lines.contains("Result 2: Error in task 2: Error in task 2"), lines.toString());
        assertTrue(lines.contains("java.lang.IllegalArgumentException: Error in task 2"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("at io.mmipc.examples.pool.RiskyTasksWithTraceback.riskyTask")),
            lines.toString());
        assertTrue(lines.contains("Result 4: Task 4 completed successfully: 8"), lines.toString());
    }

    @Test
    void theCrossPlatformWorkerReturnsADictPerItem() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, CrossPlatformWorker.class);
        for (int k = 0; k < 10; k++)
        {
            final String prefix = "Data: " + k + ", Result: " + 2 * k + ", PID: ";
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(prefix) && l.endsWith(", Platform: linux")),
                prefix + " in " + lines);
        }
    }

    @Test
    void theProcessCountBenchmarkTimesEveryCount() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, ProcessCountBenchmark.class);
        final int cpus = Runtime.getRuntime().availableProcessors();
        for (final int n : new int[] {1, 2, 4, cpus, 2 * cpus})
        {
            assertTrue(lines.contains("Testing with " + n + " processes:"), lines.toString());
        }
        assertEquals(5, lines.stream().filter(l -> l.matches("Execution time: \\d+\\.\\d\\d seconds \\(20 results\\)")).count(),
            lines.toString());
        assertEquals(4, lines.stream().filter(l -> l.matches("Acceleration: \\d+\\.\\d\\dx")).count(), lines.toString());
        assertEquals(4, lines.stream()
            .filter(l -> l.matches("Worker JVMs started and warmed in \\d+\\.\\d\\d seconds \\(not timed\\)")).count(),
            lines.toString());
    }

    @Test
    void theMatrixIsAssembledFromTheWorkersChunks() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, ParallelMatrix.class);
        assertTrue(lines.contains("Calculation of matrix 1000x1000 completed"), lines.toString());
        assertTrue(lines.contains("Size of the resulting matrix: (1000, 1000)"), lines.toString());
        final double[][] sequential = ParallelMatrix.computeMatrixChunk(new int[] {0, 1000, 1000}).rows();
        assertTrue(lines.contains(String.format("Checksum: %.6f", ParallelMatrix.checksum(sequential))),
            lines.toString());
    }

    @Test
    void imagesAreResizedByTheWorkersAndCleanedUp() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, ImageBatch.class);
        assertEquals(6, lines.size(), lines.toString());
        for (int i = 1; i <= 6; i++)
        {
            assertTrue(lines.contains("Processed: image" + i + ".png -> image" + i + "_processed.png (1600x1200 -> 800x600)"),
                lines.toString());
        }
    }
}
