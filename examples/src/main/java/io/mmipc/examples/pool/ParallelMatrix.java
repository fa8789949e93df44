package io.mmipc.examples.pool;

import io.mmipc.IpcContext;
import io.mmipc.Pool;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The parallel matrix computation (seed 002, "Parallel Computation with Big Data"): rows are split
 * across a Pool, each worker computes its chunk, and the result is assembled. numpy's arrays
 * become {@code double[][]}; each chunk (2 MB for 1000 x 1000) crosses back through shared memory.
 */
public final class ParallelMatrix
{
    /** A worker's part of the matrix: Python returns the tuple {@code (start_row, chunk)}. */
    record Chunk(int startRow, double[][] rows) implements Serializable
    {
    }

    /** Calculating a part of the matrix. */
    static Chunk computeMatrixChunk(final int[] args)
    {
        final int startRow = args[0];
        final int endRow = args[1];
        final int size = args[2];

        // Creating a part of the matrix
        final double[][] chunk = new double[endRow - startRow][size];
        for (int i = startRow; i < endRow; i++)
        {
            for (int j = 0; j < size; j++)
            {
                // Complex calculations
                chunk[i - startRow][j] = Math.sin((double)i * j) * Math.cos(i + j);
            }
        }
        return new Chunk(startRow, chunk);
    }

    /** Parallel matrix computation. */
    static double[][] parallelMatrixComputation(final IpcContext ctx, final int matrixSize, final int numProcesses)
    {
        // Dividing work among processes
        final int chunkSize = matrixSize / numProcesses;
        final List<int[]> tasks = new ArrayList<>();
        for (int i = 0; i < numProcesses; i++)
        {
            final int startRow = i * chunkSize;
            final int endRow = i < numProcesses - 1 ? (i + 1) * chunkSize : matrixSize;
            tasks.add(new int[] {startRow, endRow, matrixSize});
        }

        // Performing calculations
        final List<Chunk> results;
        try (Pool pool = ctx.pool(numProcesses))
        {
            results = pool.map(ParallelMatrix::computeMatrixChunk, tasks);
        }

        // Assembling results
        final double[][] finalMatrix = new double[matrixSize][];
        for (final Chunk chunk : results)
        {
            for (int r = 0; r < chunk.rows().length; r++)
            {
                finalMatrix[chunk.startRow() + r] = chunk.rows()[r];
            }
        }
        return finalMatrix;
    }

    public static void main(final String[] args) throws Exception
    {
        final int matrixSize = 1000;
        try (IpcContext ctx = IpcContext.create())
        {
            final long startTime = System.nanoTime();
            final double[][] resultMatrix = parallelMatrixComputation(ctx, matrixSize, 4);
            final long endTime = System.nanoTime();

            System.out.println("Calculation of matrix " + matrixSize + "x" + matrixSize + " completed");
            System.out.printf("Execution time: %.2f seconds%n", (endTime - startTime) / 1e9);
            System.out.println("Size of the resulting matrix: (" + resultMatrix.length + ", " + resultMatrix[0].length + ")");
            System.out.printf("Checksum: %.6f%n", checksum(resultMatrix));
        }
    }

    static double checksum(final double[][] m)
    {
        double sum = 0;
        for (final double[] row : m)
        {
            for (final double v : row)
            {
                sum += v;
            }
        }
        return sum;
    }
}
