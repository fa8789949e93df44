package io.mmipc.cli;

import io.mmipc.IpcContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code mmipc ls} lists what a root holds.
 */
class LsTest
{
    @TempDir
    Path root;

    @Test
    void listsContextsWithTheirCreatorAndSize() throws Exception
    {
        assertTrue(Cli.run("ls", root.resolve("none").toString()).out().contains("(it does not exist)"));
        try (IpcContext named = IpcContext.builder().root(root).name("meet").persistent(true).build();
             IpcContext unnamed = IpcContext.create(root))
        {
            named.lock("lock");
            Files.createDirectory(root.resolve("stray"));
            final long pid = ProcessHandle.current().pid();

            final Cli.Result text = Cli.run("ls", root.toString());
            assertEquals(0, text.exitCode(), text::toString);
            assertTrue(text.out().contains(root + ": 3 contexts"), text::toString);
            final String meet = text.out().lines().filter(l -> l.startsWith("meet ")).findFirst().orElseThrow();
            assertTrue(meet.matches("meet +" + pid + " +yes +yes +1 +4 .*"), meet); // marker, registry, lock, counters
            assertTrue(text.out().contains("no marker"), text::toString);

            final Map<String, Object> json = Cli.run("ls", "--json", root.toString()).jsonObject();
            assertEquals(root.toString(), json.get("root"));
            @SuppressWarnings("unchecked")
            final List<Map<String, Object>> contexts = (List<Map<String, Object>>)json.get("contexts");
            assertEquals(3, contexts.size());
            final Map<String, Object> first = contexts.get(0);
            assertEquals(unnamed.directory().getFileName().toString(), first.get("name"));
            assertEquals(pid, first.get("creatorPid"));
            assertEquals(true, first.get("creatorAlive"));
            assertEquals(false, first.get("persistent"));
            final Map<String, Object> meetJson = contexts.get(1);
            assertEquals(true, meetJson.get("persistent"));
            assertEquals(1L, meetJson.get("liveParticipants"));
            long bytes = 0;
            try (var files = Files.list(named.directory()))
            {
                for (final Path file : files.toList())
                {
                    bytes += Files.size(file);
                }
            }
            assertEquals(bytes, meetJson.get("bytes"));
            assertEquals("stray", contexts.get(2).get("name"));
            assertNull(contexts.get(2).get("creatorPid"));
            assertNotNull(contexts.get(2).get("problem"));
            Files.delete(root.resolve("stray"));
        }
    }
}
