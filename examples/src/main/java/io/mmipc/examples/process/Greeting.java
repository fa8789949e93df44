package io.mmipc.examples.process;

import io.mmipc.JvmProcess;

/**
 * The greeting process, with an argument (seed 003, "Introduction to Multiprocessing"; its code was
 * lost, the prose describes it): {@code Process(target=greeting, args=('bob',))}, start, join.
 */
public final class Greeting
{
    static void greeting(final String name)
    {
        System.out.println("hello " + name);
    }

    public static void main(final String[] args) throws Exception
    {
        final JvmProcess p = JvmProcess.of(() -> greeting("bob"));
        p.start();
        p.join();
    }
}
