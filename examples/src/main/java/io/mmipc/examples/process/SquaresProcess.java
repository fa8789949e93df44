package io.mmipc.examples.process;

import io.mmipc.JvmProcess;

import java.util.List;

/**
 * A process that calculates the squares of numbers and prints them (seed 003, "Example"; rebuilt
 * from the prose).
 */
public final class SquaresProcess
{
    static void square(final List<Integer> numbers)
    {
        for (final int number : numbers)
        {
            System.out.println("The number " + number + " squares to " + number * number);
        }
    }

    public static void main(final String[] args) throws Exception
    {
        final List<Integer> numbers = List.of(1, 2, 3, 4, 5);
        final JvmProcess p = JvmProcess.of(() -> square(numbers));
        p.start();
        p.join();
    }
}
