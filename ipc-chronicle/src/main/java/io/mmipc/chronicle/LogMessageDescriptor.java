package io.mmipc.chronicle;

/**
 * Layout of one durable-log message: a Chronicle document whose content starts with mmipc's
 * 8-byte header. Little-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-----------------------------------------------------------+
 *  |M|N|     Chronicle document length (30 bits), Chronicle's own  |  -4
 *  +-+-+-----------------------------------------------------------+
 *  |                Append time, epoch milliseconds (64)           |   0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                    Payload (length - 8 bytes)                ...  8
 *  +---------------------------------------------------------------+
 * </pre>
 * Chronicle publishes a document by setting its length word last (N, not-complete, cleared), so a
 * reader never sees a partial message. The append time serves replay from a time. A reader
 * checks that a document is at least {@link #HEADER_LENGTH} long and its payload within the
 * log's maximum before it trusts either.
 */
public final class LogMessageDescriptor
{
    public static final int TIME_OFFSET = 0;
    public static final int PAYLOAD_OFFSET = 8;
    public static final int HEADER_LENGTH = 8;

    private LogMessageDescriptor()
    {
    }
}
