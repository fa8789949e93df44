package io.mmipc.cli;

import io.mmipc.cli.command.CleanCommand;
import io.mmipc.cli.command.DescribeCommand;
import io.mmipc.cli.command.FlagsCommand;
import io.mmipc.cli.command.LsCommand;
import io.mmipc.cli.command.PeekCommand;
import io.mmipc.cli.command.StatCommand;
import io.mmipc.cli.command.TailCommand;
import io.mmipc.cli.read.NotRegularFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.Properties;

/**
 * {@code mmipc}: looks into the shared files of mmipc contexts that other processes use, and
 * changes nothing unless asked ({@code clean}).
 */
@Command(
    name = "mmipc",
    mixinStandardHelpOptions = true,
    versionProvider = Mmipc.Version.class,
    description = "Looks into mmipc's shared-memory contexts, files and durable logs while processes use them.",
    subcommands = {
        LsCommand.class,
        StatCommand.class,
        DescribeCommand.class,
        PeekCommand.class,
        TailCommand.class,
        CleanCommand.class,
        FlagsCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class Mmipc implements Runnable
{
    @Spec
    private CommandSpec spec;

    public static void main(final String[] args)
    {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /**
     * @return the tool, writing to {@code out} and {@code err}: tests run it in-process through this.
     */
    public static CommandLine commandLine(final PrintWriter out, final PrintWriter err)
    {
        final CommandLine commandLine = new CommandLine(new Mmipc());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(Mmipc::handle);
        everyCommand(commandLine);
        return commandLine;
    }

    /**
     * Gives every command the exit codes in its help, and the tool's version.
     */
    private static void everyCommand(final CommandLine commandLine)
    {
        commandLine.getCommandSpec().usageMessage().footer(ExitCodes.FOOTER);
        commandLine.getCommandSpec().versionProvider(new Version());
        commandLine.getSubcommands().values().forEach(Mmipc::everyCommand);
    }

    private static int handle(final Exception ex, final CommandLine commandLine, final CommandLine.ParseResult parsed)
    {
        final PrintWriter err = commandLine.getErr();
        final int code;
        if (ex instanceof CliException cli)
        {
            err.println("mmipc: " + cli.getMessage());
            code = cli.exitCode();
        }
        else if (ex instanceof NoSuchFileException missing)
        {
            err.println("mmipc: not found: " + missing.getFile() +
                (missing.getReason() != null ? " (" + missing.getReason() + ")" : ""));
            code = ExitCodes.NOT_FOUND;
        }
        else if (ex instanceof NotRegularFileException notFile)
        {
            err.println("mmipc: " + notFile.getMessage());
            code = ExitCodes.DAMAGED;
        }
        else if (ex instanceof IOException io)
        {
            err.println("mmipc: " + io);
            code = ExitCodes.ERROR;
        }
        else
        {
            err.println("mmipc: internal error: " + ex);
            ex.printStackTrace(err);
            code = ExitCodes.ERROR;
        }
        err.flush();
        return code;
    }

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command (mmipc --help lists them)");
    }

    /**
     * The version Maven wrote into the jar.
     */
    static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion() throws IOException
        {
            final Properties properties = new Properties();
            try (InputStream in = Mmipc.class.getResourceAsStream("version.properties"))
            {
                if (in != null)
                {
                    properties.load(in);
                }
            }
            return new String[] {"mmipc " + properties.getProperty("version", "(unknown version)")};
        }
    }
}
