package io.mmipc.examples;

import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs an example as its own JVM with its context root (and temp dir) in a test's directory, and
 * checks that it left nothing there.
 */
public final class ExampleRun
{
    private ExampleRun()
    {
    }

    public static ChildJvm start(final Path root, final Class<?> example, final String... args) throws Exception
    {
        return Children.launcher(example, args)
            .systemProperty("mmipc.root", root.toString())
            .systemProperty("java.io.tmpdir", root.toString())
            .start();
    }

    public static List<String> run(final Path root, final Class<?> example, final String... args) throws Exception
    {
        final String out = Children.finish(start(root, example, args), Duration.ofSeconds(150));
        assertNothingLeft(root);
        return Arrays.asList(out.split("\n"));
    }

    public static void assertNothingLeft(final Path root) throws Exception
    {
        try (Stream<Path> left = Files.list(root))
        {
            assertEquals(List.of(), left.toList(), "the example leaves no file behind");
        }
    }
}
