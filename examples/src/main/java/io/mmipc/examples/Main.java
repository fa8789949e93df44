package io.mmipc.examples;

/**
 * The main job: a demo of JVMs working together through mapped files.
 */
public final class Main
{
    private Main()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        SharedMemoryDemo.main(args);
    }
}
