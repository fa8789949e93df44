package io.mmipc.cli;

/**
 * What {@code mmipc} exits with; scripts rely on these, so they never change meaning.
 */
public final class ExitCodes
{
    /** Done. */
    public static final int OK = 0;
    /** Something failed (an I/O error, a context in use that was named for removal). */
    public static final int ERROR = 1;
    /** Wrong usage: an unknown option, a missing argument. */
    public static final int USAGE = 2;
    /** Damaged: a file is not what mmipc writes (bad magic, truncated, another version, not a regular file). */
    public static final int DAMAGED = 3;
    /** Not found: no such context, file, queue or log. */
    public static final int NOT_FOUND = 4;

    /** The footer every command's help ends with. */
    static final String[] FOOTER = {
        "",
        "Exit codes:",
        "  0  done",
        "  1  error",
        "  2  wrong usage",
        "  3  damaged: not what mmipc writes (bad magic, truncated, another version,",
        "     shorter than its layout, not a regular file)",
        "  4  not found",
    };

    private ExitCodes()
    {
    }
}
