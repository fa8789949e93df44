package io.mmipc.examples.process;

import io.mmipc.JvmProcess;

import java.util.List;

/**
 * Two processes side by side: p1 prints the numbers' squares while p2 checks which are even
 * (seed 003; rebuilt from the prose).
 */
public final class SquaresAndEvens
{
    static void square(final List<Integer> numbers)
    {
        for (final int number : numbers)
        {
            System.out.println("The number " + number + " squares to " + number * number);
        }
    }

    static void isEven(final List<Integer> numbers)
    {
        for (final int number : numbers)
        {
            if (number % 2 == 0)
            {
                System.out.println("The number " + number + " is an even number");
            }
        }
    }

    public static void main(final String[] args) throws Exception
    {
        final List<Integer> numbers = List.of(43, 50, 5, 98, 34, 35);

        final JvmProcess p1 = JvmProcess.of(() -> square(numbers));
        final JvmProcess p2 = JvmProcess.of(() -> isEven(numbers));

        p1.start();
        p2.start();

        p1.join();
        p2.join();

        System.out.println("END!");
    }
}
