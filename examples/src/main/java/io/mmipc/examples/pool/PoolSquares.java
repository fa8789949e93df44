package io.mmipc.examples.pool;

import io.mmipc.IpcContext;
import io.mmipc.Pool;

import java.util.List;

/**
 * {@code pool.map} of squares (seed 000, "Using Process Pools for Efficiency"): prints
 * {@code [1, 4, 9, 16, 25]}.
 */
public final class PoolSquares
{
    static int square(final int n)
    {
        return n * n;
    }

    public static void main(final String[] args) throws Exception
    {
        final List<Integer> numbers = List.of(1, 2, 3, 4, 5);
        try (IpcContext ctx = IpcContext.create(); Pool pool = ctx.pool(3))   // with Pool(processes=3) as pool:
        {
            final List<Integer> results = pool.map(PoolSquares::square, numbers);
            System.out.println(results);
        }
    }
}
