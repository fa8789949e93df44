package io.mmipc.file;

import java.nio.file.Path;

/**
 * A word read from shared memory holds a value that no writer produces: a length outside its
 * ring, a record that runs past the producer's position, an unknown message type. Another process,
 * a bug or a stray write left it there; mmipc refuses to act on it rather than hand out garbage.
 */
public class SharedDataCorruptedException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final transient Path path;
    private final long offset;

    /**
     * @param path   the file.
     * @param offset the offset of the bad word from the start of the file.
     * @param detail what is wrong, with the values.
     */
    public SharedDataCorruptedException(final Path path, final long offset, final String detail)
    {
        super(path + " at file offset " + offset + ": " + detail);
        this.path = path;
        this.offset = offset;
    }

    public Path path()
    {
        return path;
    }

    /**
     * @return the offset of the bad word from the start of the file.
     */
    public long offset()
    {
        return offset;
    }
}
