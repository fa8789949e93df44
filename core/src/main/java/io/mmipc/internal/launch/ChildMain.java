package io.mmipc.internal.launch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * The main class of every child JVM the launcher starts: starts the parent watch, then runs the
 * requested main class. Kept tiny so that a child's start-up costs little beyond the JVM's own.
 */
public final class ChildMain
{
    private ChildMain()
    {
    }

    public static void main(final String[] args) throws Throwable
    {
        if (args.length == 0)
        {
            System.err.println("usage: ChildMain <main class> [args...]");
            System.exit(2);
        }
        ParentWatch.startFromSystemProperties();
        final Method main = Class.forName(args[0]).getMethod("main", String[].class);
        if (!Modifier.isStatic(main.getModifiers()))
        {
            throw new IllegalArgumentException(args[0] + ".main is not static");
        }
        // A main class need not be public (a nested class of a test, say): same class path, same trust.
        main.setAccessible(true);
        try
        {
            main.invoke(null, (Object)Arrays.copyOfRange(args, 1, args.length));
        }
        catch (final InvocationTargetException ex)
        {
            // Rethrow the task's own exception, so the JVM reports it as from main (exit code 1).
            throw ex.getCause();
        }
    }
}
