package io.mmipc.cli.describe;

import io.mmipc.cli.read.FileBytes;
import io.mmipc.internal.file.SharedFileHeader;
import io.mmipc.internal.wait.WakeWordDescriptor;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads a wake word slot ({@link WakeWordDescriptor}) for {@code stat}. A slot records no count of
 * waiters: its sleepers flag says that someone may be asleep on it (set by a waiter before it
 * sleeps, cleared by the publisher that wakes them all), and two counters how often waiters slept
 * and publishers woke them.
 */
final class WakeWords
{
    private WakeWords()
    {
    }

    /**
     * Adds {@code sleepers}, {@code sleeps} and {@code wakes} fields (each prefixed with
     * {@code prefix} when it is not empty) and returns whether someone may sleep on the word.
     *
     * @param offset the slot's body offset; a body too short for it (a file from before wake
     *               words) adds nothing and returns false.
     */
    static boolean read(final SharedFileHeader header, final FileBytes file, final long offset, final String prefix,
        final ObjectState out) throws IOException
    {
        if (header.bodyLength() < offset + WakeWordDescriptor.SLOT_LENGTH)
        {
            return false;
        }
        final ByteBuffer slot = file.readFully(BaseDescriber.body(offset), WakeWordDescriptor.SLEEPS_OFFSET + Long.BYTES);
        final boolean sleepers = (slot.getInt(WakeWordDescriptor.WORD_OFFSET) & WakeWordDescriptor.SLEEPERS) != 0;
        out.field(name(prefix, "sleepers"), sleepers)
            .field(name(prefix, "sleeps"), slot.getLong(WakeWordDescriptor.SLEEPS_OFFSET))
            .field(name(prefix, "wakes"), slot.getLong(WakeWordDescriptor.WAKES_OFFSET));
        return sleepers;
    }

    private static String name(final String prefix, final String field)
    {
        return prefix.isEmpty() ? field : prefix + Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }
}
