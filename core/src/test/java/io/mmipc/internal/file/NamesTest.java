package io.mmipc.internal.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

class NamesTest
{
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
}
