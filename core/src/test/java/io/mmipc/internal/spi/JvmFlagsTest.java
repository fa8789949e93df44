package io.mmipc.internal.spi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.*;

class JvmFlagsTest
{
    @TempDir
    Path dir;

    @Test
    void coreDeclaresTheAgronaExport()
    {
        final JvmFlags flags = JvmFlags.current();
        assertTrue(flags.providerNames().contains("agrona"), flags.toString());
        assertTrue(flags.jvmOptions().contains("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"));
        assertTrue(flags.manifestAddExports().contains("java.base/jdk.internal.misc"));
        assertFalse(flags.manifestAddExports().contains("ALL-UNNAMED"), "manifest syntax has no target");
    }

    @Test
    void theToolWritesTheArgfileAndAManifestTheJdkReads() throws Exception
    {
        final Path argfile = dir.resolve("jvm.args");
        final Path manifest = dir.resolve("m/MANIFEST.MF");
        JvmFlagsTool.main(new String[] {"--argfile", argfile.toString(), "--manifest", manifest.toString(),
            "--main-class", "com.acme.Main"});
        assertEquals(JvmFlags.current().jvmOptions(), Files.readAllLines(argfile));

        try (var in = Files.newInputStream(manifest))
        {
            final Manifest parsed = new Manifest(in);
            assertEquals("com.acme.Main", parsed.getMainAttributes().getValue("Main-Class"));
            assertEquals(JvmFlags.current().manifestAddExports(), parsed.getMainAttributes().getValue("Add-Exports"));
        }
        assertThrows(IllegalArgumentException.class, () -> JvmFlagsTool.main(new String[] {"--bogus"}));
    }

    @Test
    void withoutArgumentsOrWithHelpTheToolPrintsItsUsageAndWritesNothing() throws Exception
    {
        for (final String[] args : List.of(new String[0], new String[] {"-h"}, new String[] {"--help"},
            new String[] {"--argfile", dir.resolve("not-written").toString(), "--help"}))
        {
            final String out = stdoutOf(args);
            assertEquals(JvmFlagsTool.USAGE + System.lineSeparator(), out, List.of(args).toString());
            assertTrue(out.contains("--argfile FILE") && out.contains("java @FILE"), out);
        }
        try (var files = Files.list(dir))
        {
            assertEquals(0, files.count(), "help writes nothing");
        }
        final IllegalArgumentException bogus = assertThrows(IllegalArgumentException.class,
            () -> JvmFlagsTool.main(new String[] {"--bogus"}));
        assertTrue(bogus.getMessage().startsWith("unknown argument --bogus"), bogus.getMessage());
        assertTrue(bogus.getMessage().contains(JvmFlagsTool.USAGE), bogus.getMessage());
    }

    @Test
    void printWritesTheOptionsOneALine() throws Exception
    {
        assertEquals(String.join(System.lineSeparator(), JvmFlags.current().jvmOptions()) + System.lineSeparator(),
            stdoutOf(new String[] {"--print"}));
    }

    private static String stdoutOf(final String[] args) throws Exception
    {
        final PrintStream before = System.out;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try
        {
            JvmFlagsTool.main(args);
        }
        finally
        {
            System.setOut(before);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void longManifestLinesAreWrappedAt72Bytes()
    {
        final String line = "Add-Opens: " + String.join(" ", List.of("a".repeat(50), "b".repeat(50), "c".repeat(50)));
        final String wrapped = JvmFlagsTool.wrap(line);
        for (final String part : wrapped.split("\n"))
        {
            assertTrue(part.length() <= 72, part);
        }
        assertEquals(line, wrapped.replace("\n ", ""));
    }
}
