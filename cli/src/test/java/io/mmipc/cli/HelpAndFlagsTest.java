package io.mmipc.cli;

import io.mmipc.internal.spi.JvmFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every command has --help with the exit codes; usage errors exit with 2; {@code mmipc flags}
 * prints what the providers declare.
 */
class HelpAndFlagsTest
{
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"ls", "stat", "describe", "peek", "tail", "clean", "flags"})
    void everyCommandHasHelp(final String command)
    {
        final Cli.Result help = Cli.run(command, "--help");
        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.out().startsWith("Usage: mmipc " + command), help::toString);
        assertTrue(help.out().contains("Exit codes:"), help::toString);
        assertTrue(help.out().contains("-h, --help"), help::toString);

        final Cli.Result viaHelp = Cli.run("help", command);
        assertEquals(help.out(), viaHelp.out());
        assertTrue(Cli.run("--help").out().contains("  " + command + " "), "listed in mmipc --help");
        assertTrue(Cli.run(command, "--version").out().startsWith("mmipc 0."), "every command knows the version");
    }

    @Test
    void usageErrorsExitWithTwo()
    {
        assertEquals(ExitCodes.USAGE, Cli.run().exitCode());
        assertEquals(ExitCodes.USAGE, Cli.run("frobnicate").exitCode());
        assertEquals(ExitCodes.USAGE, Cli.run("ls", "--no-such-option").exitCode());
        final Cli.Result missing = Cli.run("describe");
        assertEquals(ExitCodes.USAGE, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("Missing required parameter: 'FILE'"), missing::toString);
        assertTrue(Cli.run("--version").out().startsWith("mmipc "));
    }

    @Test
    void flagsAreWhatTheProvidersDeclare() throws Exception
    {
        final List<String> expected = JvmFlags.load(getClass().getClassLoader()).jvmOptions();
        assertTrue(expected.contains("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"), expected::toString);
        assertTrue(expected.contains("-Dchronicle.analytics.disable=true"), expected::toString);

        final Cli.Result printed = Cli.run("flags");
        assertEquals(0, printed.exitCode(), printed::toString);
        assertEquals(expected, printed.out().lines().toList());

        final Path argfile = tmp.resolve("jvm.args");
        final Cli.Result written = Cli.run("flags", "--argfile", argfile.toString());
        assertEquals(0, written.exitCode(), written::toString);
        assertEquals(expected, Files.readAllLines(argfile));
    }
}
