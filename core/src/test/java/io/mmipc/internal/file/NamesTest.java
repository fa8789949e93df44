package io.mmipc.internal.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class NamesTest
{
    /** The largest pid Linux hands out (pid_max on 64-bit): seven digits. */
    private static final long SEVEN_DIGIT_PID = 4_194_304;
    private static final String LONGEST = "q".repeat(Names.MAX_LENGTH - 1) + "Z";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"a", "queue-1", "A.b_c-9", "..x", ".hidden"})
    void acceptsTheAlphabet(final String name)
    {
        assertEquals(name, Names.validate("queue name", name));
        assertTrue(Names.isValid(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "../etc", "a b", "ä", "a\u0000b", "a\\b", "a~b"})
    void refusesEverythingElseNamingTheName(final String name)
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> Names.validate("queue name", name));
        assertTrue(ex.getMessage().startsWith("queue name"), ex.getMessage());
        assertFalse(Names.isValid(name));
    }

    @Test
    void refusesTooLongNames()
    {
        final String name = "x".repeat(Names.MAX_LENGTH + 1);
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> Names.validate("queue name", name));
        assertTrue(ex.getMessage().contains("201 characters"), ex.getMessage());
        assertEquals(Names.MAX_LENGTH, Names.validate("n", "y".repeat(Names.MAX_LENGTH)).length());
    }

    @Test
    void refusesNull()
    {
        assertThrows(IllegalArgumentException.class, () -> Names.validate("queue name", null));
    }

    @Test
    void derivedNamesThatFitAreBaseAndSuffix()
    {
        assertEquals("queue~spill-a1-7", Names.derive("queue", "~spill-", "a1", "-", "7"));
        assertEquals(LONGEST + "~tmp-1-ff", SharedFiles.temporaryName(LONGEST, 1, 0xff));
    }

    @Test
    void everyDerivedNameFitsAtTheLimits() throws IOException
    {
        // The longest spill name: a 200-character queue, the largest token and sequence number.
        final String spill = Names.derive(LONGEST, "~spill-", Long.toHexString(-1L), "-", Long.toString(Long.MAX_VALUE));
        final String[] names = {
            spill,
            SharedFiles.temporaryName(spill, SEVEN_DIGIT_PID, -1L),
            SharedFiles.temporaryName(spill, Long.MAX_VALUE, Long.MIN_VALUE),
            SharedFiles.temporaryName(LONGEST, SEVEN_DIGIT_PID, -1L),
            Names.derive(LONGEST, "~spill-", "ffffff", "-", "10000"),
            SharedFiles.temporaryName(Names.derive(LONGEST, "~spill-", Long.toHexString(-1L), "-", "10000"),
                99_999, -1L),
        };
        for (final String name : names)
        {
            assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= Names.MAX_FILE_NAME_BYTES,
                name.length() + ": " + name);
            Files.createFile(dir.resolve(name)); // the file system takes it
        }
        final String temp = SharedFiles.temporaryName(spill, SEVEN_DIGIT_PID, -1L);
        assertEquals(Names.MAX_FILE_NAME_BYTES, temp.length(), "cut to the limit exactly");
        assertTrue(temp.endsWith("~tmp-4194304-ffffffffffffffff"), "the suffix stays whole: " + temp);
        assertTrue(temp.startsWith("qqqq"), "the base stays recognisable: " + temp);
        assertTrue(SharedFiles.isTemporaryName(temp));
        try (Stream<Path> files = Files.list(dir))
        {
            assertEquals(names.length, files.count());
        }
    }

    @Test
    void cutBasesStayDistinctAndTheSameInputsGiveTheSameName()
    {
        // Spill names of one queue differ only at their end, which a temporary name cuts off.
        final Set<String> temps = new HashSet<>();
        for (long seq = Long.MAX_VALUE - 1000; seq < Long.MAX_VALUE; seq++)
        {
            final String spill = Names.derive(LONGEST, "~spill-", Long.toHexString(-1L), "-", Long.toString(seq));
            final String temp = SharedFiles.temporaryName(spill, SEVEN_DIGIT_PID, 42);
            assertEquals(Names.MAX_FILE_NAME_BYTES, temp.length());
            assertTrue(temps.add(temp), "two bases, one name: " + temp);
            assertEquals(temp, SharedFiles.temporaryName(spill, SEVEN_DIGIT_PID, 42), "deterministic");
        }
    }

    @Test
    void derivingRefusesWhatCannotBeAFileName()
    {
        assertThrows(IllegalArgumentException.class, () -> Names.derive("a/b", "~x"));
        assertThrows(IllegalArgumentException.class, () -> Names.derive("a", "/x"));
        assertThrows(IllegalArgumentException.class, () -> Names.derive("", "~x"));
        assertThrows(IllegalArgumentException.class, () -> Names.derive("ä", "~x"));
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> Names.derive("a", "~".repeat(Names.MAX_SUFFIX_LENGTH + 1)));
        assertTrue(ex.getMessage().contains("the limit is " + Names.MAX_SUFFIX_LENGTH), ex.getMessage());
    }

    @Test
    void aFileNamePastTheLimitIsRefusedBeforeTheFileSystemSeesIt()
    {
        final Path tooLong = dir.resolve("x".repeat(Names.MAX_FILE_NAME_BYTES + 1));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> SharedFiles.createOrOpenAt(tooLong, SharedFileSpec.builder(ObjectKind.SHARED_MEMORY, 8).build(),
                SharedFiles.OWNER_ONLY));
        assertTrue(ex.getMessage().contains("256 bytes") && ex.getMessage().contains(tooLong.toString()),
            ex.getMessage());
        assertEquals(Path.of("x".repeat(255)), Names.checkFileName(Path.of("x".repeat(255))));
    }
}
