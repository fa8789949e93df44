package io.mmipc;

import io.mmipc.internal.jfr.MmipcEvents;

import java.nio.file.Path;

/**
 * A word in a shared file holds a value no mmipc writer produces: a length outside its ring, a
 * record that runs past the producer's position, an unknown message type, an owner word with bad
 * check bits. Something outside mmipc (or a bug, or a stray write through raw shared memory)
 * overwrote it. Raised instead of guessing, so that a corrupted lock never hangs its waiters nor
 * lets two owners in and a ring never hands out garbage. The message names the file, the offset
 * and what was found.
 */
public class SharedStateCorruptedException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /** The offset of a corruption that is not one word (a structure whose parts disagree). */
    public static final long NO_OFFSET = -1;

    private final transient Path path;
    private final long offset;

    /**
     * @param path   the file.
     * @param offset the offset of the bad word from the start of the file, or {@link #NO_OFFSET}.
     * @param detail what is wrong, with the values.
     */
    public SharedStateCorruptedException(final Path path, final long offset, final String detail)
    {
        super(path + (offset == NO_OFFSET ? "" : " at file offset " + offset) + ": " + detail);
        this.path = path;
        this.offset = offset;
        MmipcEvents.corruptionDetected(path, offset, detail);
    }

    /**
     * A corruption whose detail names where it is.
     */
    public SharedStateCorruptedException(final Path path, final String detail)
    {
        this(path, NO_OFFSET, detail);
    }

    public Path path()
    {
        return path;
    }

    /**
     * @return the offset of the bad word from the start of the file, or {@link #NO_OFFSET}.
     */
    public long offset()
    {
        return offset;
    }
}
