package io.mmipc.examples.pool;

import io.mmipc.IpcContext;
import io.mmipc.Pool;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code map} of squares and of factorials (seed 002, "Main Methods of Pool").
 */
public final class SquaresAndFactorials
{
    /** Calculating the square of a number. */
    static int computeSquare(final int number) throws InterruptedException
    {
        Thread.sleep(100); // simulating computation
        return number * number;
    }

    /** Calculating the factorial. */
    static BigInteger computeFactorial(final int n)
    {
        BigInteger result = BigInteger.ONE;
        for (int i = 2; i <= n; i++)
        {
            result = result.multiply(BigInteger.valueOf(i));
        }
        return result;
    }

    public static void main(final String[] args) throws Exception
    {
        final List<Integer> numbers = IntStream.rangeClosed(1, 20).boxed().collect(Collectors.toList());
        try (IpcContext ctx = IpcContext.create(); Pool pool = ctx.pool(4))
        {
            System.out.println("Calculating squares:");
            final List<Integer> squares = pool.map(SquaresAndFactorials::computeSquare, numbers);
            System.out.println("Squares: " + squares.subList(0, 10) + "...");   // first 10 results

            System.out.println();
            System.out.println("Calculating factorials:");
            final List<BigInteger> factorials = pool.map(SquaresAndFactorials::computeFactorial, numbers.subList(0, 10));
            System.out.println("Factorials: " + factorials);
        }
    }
}
