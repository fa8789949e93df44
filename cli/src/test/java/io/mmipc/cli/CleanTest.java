package io.mmipc.cli;

import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code mmipc clean} against contexts of live and killed child JVMs: it removes exactly the
 * contexts whose creator died and that no live participant uses, and --dry-run lists exactly those.
 */
class CleanTest
{
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path root;

    @Test
    @Timeout(180)
    void removesOnlyWhatNoLiveProcessUses() throws Exception
    {
        // X creates the private contexts "dead" and "shared" and the named context "kept" (named
        // contexts live until removed); Y joins "shared" (a live participant there) and creates the
        // named context "alive". Killing X leaves: dead (creator dead, unused), shared (creator dead,
        // used by Y), kept and alive (named: only removed on request).
        try (ChildJvm x = Children.start(CliChild.class, "create", root.toString(), "dead:private", "shared:private",
            "kept"))
        {
            final Map<String, String> dirs = labels(Children.awaitLine(x, CliChild.READY, START));
            final String dead = dirs.get("dead");
            final String shared = dirs.get("shared");
            try (ChildJvm y = Children.start(CliChild.class, "join", root.resolve(shared).toString(), "alive"))
            {
                Children.awaitLine(y, CliChild.READY, START);
                x.kill();
                assertTrue(x.waitFor(Duration.ofSeconds(30)));

                final Map<String, Object> ls = Cli.run("ls", "--json", root.toString()).jsonObject();
                assertEquals(sorted("alive", dead, "kept", shared), names(ls.get("contexts")));

                final Cli.Result dryRun = Cli.run("clean", root.toString(), "--dry-run", "--json");
                assertEquals(0, dryRun.exitCode(), dryRun::toString);
                assertEquals(Map.of(dead, "would remove", shared, "kept"), actions(dryRun.jsonObject()));
                assertTrue(dryRun.jsonObject().toString().contains("in use by pid " + y.pid()), dryRun::toString);
                assertTrue(Files.isDirectory(root.resolve(dead)), "a dry run removes nothing");

                final Cli.Result text = Cli.run("clean", root.toString(), "--dry-run");
                assertTrue(text.out().contains("would remove  " + dead), text::toString);

                final Cli.Result clean = Cli.run("clean", root.toString(), "--json");
                assertEquals(0, clean.exitCode(), clean::toString);
                assertEquals(Map.of(dead, "removed", shared, "kept"), actions(clean.jsonObject()));
                assertEquals(sorted("alive", "kept", shared), list(root));

                final Cli.Result named = Cli.run("clean", root.toString(), "--named", "alive", shared);
                assertEquals(ExitCodes.ERROR, named.exitCode(), named::toString);
                assertTrue(named.out().contains("in use by pid " + y.pid()), named::toString);
                assertEquals(sorted("alive", "kept", shared), list(root));

                y.kill();
                assertTrue(y.waitFor(Duration.ofSeconds(30)));
            }
            final Cli.Result afterY = Cli.run("clean", root.toString(), "--json");
            assertEquals(Map.of(shared, "removed"), actions(afterY.jsonObject()));
            assertEquals(List.of("alive", "kept"), list(root), "named contexts stay until named");

            final Cli.Result missing = Cli.run("clean", root.toString(), "--named", "nothing");
            assertEquals(ExitCodes.NOT_FOUND, missing.exitCode(), missing::toString);

            final Cli.Result named = Cli.run("clean", root.toString(), "--named", "kept", "alive");
            assertEquals(0, named.exitCode(), named::toString);
            assertTrue(named.out().contains("removed  kept"), named::toString);
            assertEquals(List.of(), list(root));
            assertTrue(Cli.run("clean", root.toString()).out().contains("nothing to clean"));
        }
    }

    /**
     * @return label to directory name, from a ready line "[READY ]dir label=name,label=name pid".
     */
    private static Map<String, String> labels(final String readyLine)
    {
        final String word = java.util.Arrays.stream(readyLine.trim().split(" ")).filter(w -> w.contains("="))
            .findFirst().orElseThrow(() -> new AssertionError("no labels in " + readyLine));
        final Map<String, String> labels = new TreeMap<>();
        for (final String pair : word.split(","))
        {
            final String[] kv = pair.split("=");
            labels.put(kv[0], kv[1]);
        }
        return labels;
    }

    private static List<String> sorted(final String... names)
    {
        return java.util.Arrays.stream(names).sorted().collect(java.util.stream.Collectors.toList());
    }

    @Test
    void removesAHalfMadeContextButNoDirectoryOfSomethingElse() throws Exception
    {
        final Path stray = Files.createDirectory(root.resolve("stray"));
        Files.writeString(stray.resolve("notes.txt"), "not mmipc's");
        final Path half = Files.createDirectory(root.resolve("half"));
        Files.writeString(half.resolve("~mmipc-context~tmp-1-2a"), "");
        final FileTime longAgo = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        Files.setLastModifiedTime(stray, longAgo);
        Files.setLastModifiedTime(half, longAgo);

        final Cli.Result dryRun = Cli.run("clean", root.toString(), "--dry-run", "--json");
        assertEquals(Map.of("half", "would remove", "stray", "kept"), actions(dryRun.jsonObject()));
        final Cli.Result clean = Cli.run("clean", root.toString());
        assertEquals(0, clean.exitCode(), clean::toString);
        assertTrue(clean.out().contains("no readable context marker"), clean::toString);
        assertEquals(List.of("stray"), list(root));

        final Cli.Result named = Cli.run("clean", root.toString(), "--named", "stray");
        assertEquals(ExitCodes.ERROR, named.exitCode(), named::toString);
        assertTrue(Files.exists(stray.resolve("notes.txt")));
    }

    @Test
    void refusesANameThatIsAPath()
    {
        final Cli.Result result = Cli.run("clean", root.toString(), "--named", "../elsewhere");
        assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(final Object contexts)
    {
        return ((List<Object>)contexts).stream().map(c -> (String)((Map<String, Object>)c).get("name")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> actions(final Map<String, Object> report)
    {
        final Map<String, String> actions = new TreeMap<>();
        for (final Object o : (List<Object>)report.get("contexts"))
        {
            final Map<String, Object> context = (Map<String, Object>)o;
            actions.put((String)context.get("name"), (String)context.get("action"));
        }
        return actions;
    }

    private static List<String> list(final Path dir) throws Exception
    {
        try (var entries = Files.list(dir))
        {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
