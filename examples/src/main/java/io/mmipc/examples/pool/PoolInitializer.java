package io.mmipc.examples.pool;

import io.mmipc.IpcContext;
import io.mmipc.Pool;
import io.mmipc.PoolOptions;

import java.util.List;

/**
 * Python's {@code Pool(initializer=..., initargs=...)}: each worker runs the initializer once,
 * before its first task, and keeps what it set in a global for every task it runs.
 * <pre>
 * def initializer(greeting):
 *     global GREETING
 *     GREETING = greeting
 *
 * def task(name):
 *     return f"{GREETING} {name}"
 *
 * with Pool(processes=2, initializer=initializer, initargs=("Hello",)) as pool:
 *     print(pool.map(task, ["Alice", "Bob", "Carol"]))
 * </pre>
 * The initializer's arguments are what its lambda captures; the global is a static field, set in
 * each worker JVM.
 */
public final class PoolInitializer
{
    private static volatile String greeting;

    static void initializer(final String hello)
    {
        greeting = hello;
    }

    static String task(final String name)
    {
        return greeting + " " + name;
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create();
            Pool pool = ctx.pool(PoolOptions.defaults().processes(2).initializer(() -> initializer("Hello"))))
        {
            System.out.println(pool.map(PoolInitializer::task, List.of("Alice", "Bob", "Carol")));
        }
    }
}
