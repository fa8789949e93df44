package io.mmipc.internal.file;

/**
 * Layout of the header that starts every mmipc shared file. All words are little-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Magic "MMIPC\0\r\n" (written last)            |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        Layout Version                         |  8
 *  +---------------------------------------------------------------+
 *  |                      Object Kind (code)                       | 12
 *  +---------------------------------------------------------------+
 *  |                   Header Length (= 256)                       | 16
 *  +---------------------------------------------------------------+
 *  |                           Reserved                            | 20
 *  +---------------------------------------------------------------+
 *  |                  Total Length of the file (64)                | 24
 *  +---------------------------------------------------------------+
 *  |                      Creator pid (64)                         | 32
 *  +---------------------------------------------------------------+
 *  |             Creator process start time, epoch ms (64)         | 40
 *  +---------------------------------------------------------------+
 *  |                   Created at, epoch ms (64)                   | 48
 *  +---------------------------------------------------------------+
 *  |                          Reserved (64)                        | 56
 *  +---------------------------------------------------------------+
 *  |          Parameters: 8 kind-specific 64-bit words             | 64
 *  |                              ...                              |
 *  +---------------------------------------------------------------+
 *  |     Type tag: up to 64 bytes of UTF-8, zero padded            | 128
 *  |     (element type or codec id; checked on open)               |
 *  +---------------------------------------------------------------+
 *  |                          Reserved                             | 192
 *  +---------------------------------------------------------------+
 *  |                     Body (kind-specific)                     ...  256
 *  +---------------------------------------------------------------+
 * </pre>
 * The header is filled while the file still has a temporary name; the magic is stored last with
 * release semantics and only then is the file linked under its real name.
 */
public final class SharedFileDescriptor
{
    /** "MMIPC\0\r\n" read as a little-endian long; the CR LF catches text-mode mangling. */
    public static final long MAGIC = 0x0A0D0043_50494D4DL;

    /** Bumped when a layout changes incompatibly; an opener refuses any other version. */
    public static final int LAYOUT_VERSION = 2; // 2: sync objects and lock records carry wake word slots

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 8;
    public static final int KIND_OFFSET = 12;
    public static final int HEADER_LENGTH_OFFSET = 16;
    public static final int TOTAL_LENGTH_OFFSET = 24;
    public static final int CREATOR_PID_OFFSET = 32;
    public static final int CREATOR_START_OFFSET = 40;
    public static final int CREATED_AT_OFFSET = 48;
    public static final int PARAMS_OFFSET = 64;
    public static final int PARAM_COUNT = 8;
    public static final int TYPE_TAG_OFFSET = 128;
    public static final int TYPE_TAG_MAX_LENGTH = 64;

    /** Length of the header; the body starts here, aligned for 128-byte padded records. */
    public static final int HEADER_LENGTH = 256;

    /** Files are mapped whole with one mapping, so a file stays under 2 GiB. */
    public static final long MAX_TOTAL_LENGTH = Integer.MAX_VALUE - 7;

    private SharedFileDescriptor()
    {
    }

    public static int paramOffset(final int index)
    {
        if (index < 0 || index >= PARAM_COUNT)
        {
            throw new IndexOutOfBoundsException("parameter index " + index + " not in [0, " + PARAM_COUNT + ")");
        }
        return PARAMS_OFFSET + index * Long.BYTES;
    }
}
