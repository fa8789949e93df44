package io.mmipc.internal.file;

import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class CreateRaceTest
{
    private static final int NAMES = 200;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void twoJvmsRacingToCreateOrOpenEndOnTheSameFile() throws Exception
    {
        try (ChildJvm a = Children.start(Racer.class, dir.toString(), "a");
             ChildJvm b = Children.start(Racer.class, dir.toString(), "b"))
        {
            Children.awaitLine(a, "ready", Duration.ofSeconds(60));
            Children.awaitLine(b, "ready", Duration.ofSeconds(60));
            Files.createFile(dir.resolve("go"));
            final String outA = Children.finish(a, Duration.ofSeconds(60));
            final String outB = Children.finish(b, Duration.ofSeconds(60));

            final Map<String, String[]> seenByA = parse(outA);
            final Map<String, String[]> seenByB = parse(outB);
            int createdByA = 0;
            for (int i = 0; i < NAMES; i++)
            {
                final String name = "race-" + i;
                final String[] ra = seenByA.get(name);
                final String[] rb = seenByB.get(name);
                assertNotNull(ra, name);
                assertNotNull(rb, name);
                assertNotEquals(ra[0], rb[0], name + ": exactly one creator");
                assertEquals(ra[1], rb[1], name + ": both see the creator's stamp in the body");
                createdByA += Boolean.parseBoolean(ra[0]) ? 1 : 0;
            }
            try (var files = Files.list(dir))
            {
                assertEquals(NAMES + 1, files.count(), "no temporary file left behind");
            }
            System.out.println("a created " + createdByA + " of " + NAMES);
        }
    }

    private static Map<String, String[]> parse(final String out)
    {
        final Map<String, String[]> result = new HashMap<>();
        for (final String line : out.split("\n"))
        {
            final String[] parts = line.split(" ");
            if (parts.length == 3 && parts[0].startsWith("race-"))
            {
                result.put(parts[0], new String[] {parts[1], parts[2]});
            }
        }
        return result;
    }

    /** Waits for "go", then creates-or-opens every name, each stamping the body with its own id. */
    public static final class Racer
    {
        public static void main(final String[] args) throws Exception
        {
            final Path dir = Paths.get(args[0]);
            final long stamp = ProcessHandle.current().pid();
            final SharedFileSpec spec = SharedFileSpec.builder(ObjectKind.SHARED_MEMORY, 64)
                .param(0, "capacity", 64)
                .initializer(body -> body.putLong(0, stamp))
                .build();
            System.out.println("ready");
            final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.exists(dir.resolve("go")))
            {
                if (System.nanoTime() > deadline)
                {
                    throw new AssertionError("no go");
                }
                Thread.onSpinWait();
            }
            final StringBuilder out = new StringBuilder();
            for (int i = 0; i < NAMES; i++)
            {
                try (SharedFile file = SharedFiles.createOrOpen(dir, "race-" + i, spec))
                {
                    out.append("race-").append(i).append(' ').append(file.created()).append(' ')
                        .append(file.body().getLongVolatile(0)).append('\n');
                }
            }
            System.out.print(out);
        }
    }
}
