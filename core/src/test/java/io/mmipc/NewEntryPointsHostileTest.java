package io.mmipc;

import io.mmipc.codec.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The entry points this release added, fed bad input: a context's transport and the removal of a
 * named context. Each refusal names the parameter and the value, and touches nothing.
 */
@Timeout(60)
class NewEntryPointsHostileTest
{
    @TempDir
    Path root;

    @Test
    void anUnknownTransportIsNamedWhenTheContextFirstNeedsIt()
    {
        assertThrows(NullPointerException.class, () -> IpcContext.builder().transport(null));
        try (IpcContext ctx = IpcContext.builder().root(root).transport("carrier-pigeon").build())
        {
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> ctx.queue("q", Codecs.utf8()));
            assertTrue(ex.getMessage().contains("transport \"carrier-pigeon\""), ex.getMessage());
            assertFalse(Files.exists(ctx.directory().resolve("q")), "nothing was created");
        }
    }

    @Test
    void removingANamedContextRefusesNamesThatAreNotNames() throws Exception
    {
        final Path outside = Files.createDirectory(root.resolve("outside"));
        for (final String name : new String[] {"../outside", "a/b", "", ".", ".."})
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> IpcContext.remove(root.resolve("r"), name), name);
            assertTrue(ex.getMessage().contains("context name"), ex.getMessage());
        }
        assertTrue(Files.isDirectory(outside), "nothing outside the root was touched");
        assertFalse(IpcContext.remove(root.resolve("r"), "absent"), "no such context: false, not an exception");
    }
}
