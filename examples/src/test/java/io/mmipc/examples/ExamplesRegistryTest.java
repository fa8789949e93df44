package io.mmipc.examples;

import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class ExamplesRegistryTest
{
    @Test
    void everyProgramWithAMainIsListedByName() throws IOException
    {
        final Path sources = Paths.get("src/main/java/io/mmipc/examples");
        final Set<String> programs;
        try (Stream<Path> files = Files.walk(sources))
        {
            programs = files.filter(p -> p.toString().endsWith(".java"))
                .filter(p -> read(p).contains("public static void main(final String[] args)"))
                .map(p -> p.getFileName().toString().replace(".java", ""))
                .filter(name -> !name.equals("Main"))
                .collect(Collectors.toSet());
        }
        final Set<String> listed = new HashSet<>();
        Examples.ALL.forEach(e -> listed.add(e.main().getSimpleName()));
        assertEquals(programs, listed);
        assertNotNull(Examples.find("poolsquares"), "names are case-insensitive");
    }

    @Test
    @Timeout(120)
    void anExampleRunsByName() throws Exception
    {
        assertEquals("hello bob\n", Children.run(Duration.ofSeconds(100), Main.class, "Greeting"));
    }

    private static String read(final Path p)
    {
        try
        {
            return Files.readString(p);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
