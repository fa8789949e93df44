package io.mmipc.examples.pool;

import io.mmipc.IpcContext;
import io.mmipc.PoolExecutor;
import io.mmipc.PoolOptions;
import io.mmipc.RemoteCallable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * The {@code concurrent.futures.ProcessPoolExecutor} example of Python's documentation: which of
 * six large numbers are prime, one task per number in a pool of worker JVMs. {@code executor.map}
 * becomes one {@code submit} per number; then {@code invokeAny}, for "the first answer will do"
 * (Python's {@code wait(fs, return_when=FIRST_COMPLETED)}).
 * <pre>
 * with concurrent.futures.ProcessPoolExecutor() as executor:
 *     for number, prime in zip(PRIMES, executor.map(is_prime, PRIMES)):
 *         print('%d is prime: %s' % (number, prime))
 * </pre>
 */
public final class ProcessPoolExecutorPrimes
{
    static final long[] PRIMES = {
        112272535095293L,
        112582705942171L,
        112272535095293L,
        115280095190773L,
        115797848077099L,
        1099726899285419L};

    static boolean isPrime(final long n)
    {
        if (n < 2)
        {
            return false;
        }
        if (n == 2)
        {
            return true;
        }
        if (n % 2 == 0)
        {
            return false;
        }
        final long sqrtN = (long)Math.floor(Math.sqrt(n));
        for (long i = 3; i <= sqrtN; i += 2)
        {
            if (n % i == 0)
            {
                return false;
            }
        }
        return true;
    }

    public static void main(final String[] args) throws Exception
    {
        // with concurrent.futures.ProcessPoolExecutor() as executor:
        try (IpcContext ctx = IpcContext.create();
            PoolExecutor executor = ctx.pool(PoolOptions.defaults()).asExecutorService())
        {
            final List<Future<Boolean>> answers = new ArrayList<>();
            for (final long number : PRIMES)
            {
                answers.add(executor.submit(() -> isPrime(number)));
            }
            for (int i = 0; i < PRIMES.length; i++)
            {
                System.out.println(PRIMES[i] + " is prime: " + (answers.get(i).get() ? "True" : "False"));
            }

            // Two workers race on the same question: the first answer wins, the other task is cancelled.
            final List<RemoteCallable<String>> race = List.of(
                () -> PRIMES[0] + " is prime: " + isPrime(PRIMES[0]),
                () -> PRIMES[0] + " is prime: " + isPrime(PRIMES[0]));
            System.out.println("First answer: " + executor.invokeAny(race));
        }
    }
}
