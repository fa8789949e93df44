package io.mmipc.concurrency;

import org.openjdk.jcstress.JCStress;
import org.openjdk.jcstress.Options;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.runners.TestList;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Runs the jcstress tests as the build does, and gives the verdict jcstress's own main does not:
 * exit code 1 when a test failed or erred, or when a selected test did not run at all (a machine
 * too small to schedule its actors, say), so the build fails. jcstress prints the result table.
 * Start it with the flags mmipc's JVM requirements declare (the build's argfile): jcstress passes
 * this JVM's {@code --add-exports} on to the JVMs it forks.
 * <pre>
 *   java @target/mmipc-jvm.args -cp ... io.mmipc.concurrency.StressRun -m sanity [jcstress options]
 * </pre>
 */
public final class StressRun
{
    private StressRun()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Options options = new Options(args);
        if (!options.parse())
        {
            System.exit(2);
        }
        new JCStress(options).run();
        System.exit(verdict(options) ? 0 : 1);
    }

    /**
     * @return true when every selected test ran and passed.
     */
    private static boolean verdict(final Options options) throws Exception
    {
        final InProcessCollector collector = new InProcessCollector();
        final DiskReadCollector reader = new DiskReadCollector(options.getResultFile(), collector);
        try
        {
            reader.dump();
        }
        finally
        {
            reader.close();
        }
        final Pattern selected = Pattern.compile(options.getTestFilter());
        final Set<String> missing = new TreeSet<>();
        for (final String test : TestList.tests())
        {
            if (selected.matcher(test).find())
            {
                missing.add(test);
            }
        }
        final Set<String> failed = new TreeSet<>();
        for (final TestResult result : collector.getTestResults())
        {
            missing.remove(result.getName());
            if (result.status() != Status.NORMAL || !result.grading().isPassed)
            {
                failed.add(result.getName() + " (" + result.status() + ")");
            }
        }
        System.out.println();
        System.out.println("mmipc jcstress: " + collector.getTestResults().size() + " results, " + failed.size() +
            " failed, " + missing.size() + " tests that did not run");
        failed.forEach(name -> System.out.println("  FAILED      " + name));
        missing.forEach(name -> System.out.println("  DID NOT RUN " + name));
        return failed.isEmpty() && missing.isEmpty() && !collector.getTestResults().isEmpty();
    }
}
