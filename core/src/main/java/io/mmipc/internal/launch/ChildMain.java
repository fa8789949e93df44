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
    static final String USAGE = "usage: java -cp <class path> " + ChildMain.class.getName() + " MAIN_CLASS [ARGS...]" +
        System.lineSeparator() + "The first class of every child JVM mmipc starts: it watches the parent JVM, " +
        "then runs MAIN_CLASS. mmipc's launcher starts it; there is no need to run it by hand.";

    private ChildMain()
    {
    }

    public static void main(final String[] args) throws Throwable
    {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help"))
        {
            // Started by mmipc's launcher, not by hand: say so rather than run anything.
            (args.length == 0 ? System.err : System.out).println(USAGE);
            if (args.length == 0)
            {
                System.exit(2);
            }
            return;
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
