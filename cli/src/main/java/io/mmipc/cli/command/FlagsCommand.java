package io.mmipc.cli.command;

import io.mmipc.internal.spi.JvmFlags;
import io.mmipc.internal.spi.JvmFlagsTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code mmipc flags}: the JVM flags mmipc's jars need, as {@link JvmFlagsTool} writes them for the build.
 */
@Command(
    name = "flags",
    mixinStandardHelpOptions = true,
    description = {
        "Prints the JVM flags mmipc's jars need.",
        "The flags that the mmipc jars on this tool's class path need (the Agrona export; Chronicle "
            + "Queue's exports, opens and analytics switch), one per line, as every JvmRequirements provider "
            + "declares them.",
        "Use them as 'java $(mmipc flags) ...', in JDK_JAVA_OPTIONS, or as a java @argfile (--argfile)."
    })
public final class FlagsCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--argfile", paramLabel = "FILE", description = "Write them to FILE as a java @argfile instead.")
    private Path argfile;

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        if (argfile != null)
        {
            JvmFlagsTool.main(new String[] {"--argfile", argfile.toString()});
            out.println("wrote " + argfile.toAbsolutePath());
        }
        else
        {
            JvmFlags.load(FlagsCommand.class.getClassLoader()).jvmOptions().forEach(out::println);
        }
        out.flush();
        return 0;
    }
}
