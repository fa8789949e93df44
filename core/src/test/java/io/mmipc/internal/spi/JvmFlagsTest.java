package io.mmipc.internal.spi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
