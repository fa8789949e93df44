package io.mmipc.internal.counters;

import io.mmipc.internal.file.Names;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFileSpec;
import io.mmipc.internal.owner.ProcessIdentity;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Layout of a process's counters file, {@code ~counters-<pid>-<startMillis>} in a context
 * directory (after the 256-byte file header, whose creator is the file's only writer).
 * Parameters in the header: record capacity, record length, layout version.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  Records allocated (32): stored with release after a record's |  0
 *  |  metadata is complete; readers read no further                |
 *  +---------------------------------------------------------------+
 *  |                          Reserved (32)                        |  4
 *  +---------------------------------------------------------------+
 *  |  Objects not counted because every record was taken (64)      |  8
 *  +---------------------------------------------------------------+
 *  |                     Reserved to 128 bytes                    ...  16
 *  +---------------------------------------------------------------+
 *  |  Record 0                                                    ...  128
 *  +---------------------------------------------------------------+
 *  |  Record 1 ...                                                ...  128 + 512
 *  +---------------------------------------------------------------+
 *
 *  Record (512 bytes): one open object of this process; reused by the next object of the same
 *  set and name once the first closes, so its values keep counting
 *  +---------------------------------------------------------------+
 *  |  Counter set id (32, CounterSet)                              |  0
 *  +---------------------------------------------------------------+
 *  |  Object name length (32), 1 to 200                            |  4
 *  +---------------------------------------------------------------+
 *  |  Object name (its file name), ASCII                          ...  8
 *  +---------------------------------------------------------------+
 *  |  Side A: 16 values (64), written by the sending, locking or  ...  256
 *  |  appending side                                               |
 *  +---------------------------------------------------------------+
 *  |  Side B: 16 values (64), written by the receiving side       ...  384
 *  +---------------------------------------------------------------+
 * </pre>
 * Only the process that made the file writes it, and each side of a record has its own
 * 128-byte line, so counting adds no cache-line traffic between processes, and none between a
 * process's sending and receiving threads. Values only grow; a reader sums them over every
 * counters file of the directory, those of dead processes included (their files stay until
 * the context directory is removed).
 */
public final class CountersDescriptor
{
    /** Stored in header parameter {@link #PARAM_LAYOUT}; bumped when this layout changes. */
    public static final int LAYOUT_VERSION = 1;

    /** Every counters file's name starts with this; the rest is the writer's pid and start time. */
    public static final String FILE_PREFIX = "~counters-";

    public static final int ALLOCATED_OFFSET = 0;
    public static final int NOT_COUNTED_OFFSET = 8;
    public static final int RECORDS_OFFSET = CACHE_LINE_LENGTH * 2;

    public static final int SET_ID_OFFSET = 0;
    public static final int NAME_LENGTH_OFFSET = 4;
    public static final int NAME_OFFSET = 8;
    public static final int MAX_NAME_LENGTH = Names.MAX_LENGTH;
    public static final int METADATA_LENGTH = CACHE_LINE_LENGTH * 4;
    public static final int SIDE_LENGTH = CACHE_LINE_LENGTH * 2;
    public static final int SIDE_COUNTERS = SIDE_LENGTH / Long.BYTES;
    public static final int RECORD_COUNTERS = 2 * SIDE_COUNTERS;
    public static final int VALUES_OFFSET = METADATA_LENGTH;
    public static final int RECORD_LENGTH = METADATA_LENGTH + 2 * SIDE_LENGTH;

    public static final int PARAM_RECORDS = 0;
    public static final int PARAM_RECORD_LENGTH = 1;
    public static final int PARAM_LAYOUT = 2;

    public static final int MIN_RECORDS = 1;
    public static final int MAX_RECORDS = 1 << 16;
    /** Records of a new file unless {@code -Dmmipc.counters.records} says otherwise. */
    public static final int DEFAULT_RECORDS = 128;

    static
    {
        if (NAME_OFFSET + MAX_NAME_LENGTH > METADATA_LENGTH)
        {
            throw new ExceptionInInitializerError("a name of " + MAX_NAME_LENGTH + " bytes does not fit the " +
                METADATA_LENGTH + "-byte record metadata");
        }
    }

    private CountersDescriptor()
    {
    }

    /**
     * @return the file name of {@code process}'s counters file.
     */
    public static String fileName(final ProcessIdentity process)
    {
        return FILE_PREFIX + process.pid() + "-" + process.startMillis();
    }

    public static boolean isCountersFileName(final String fileName)
    {
        return fileName.startsWith(FILE_PREFIX);
    }

    public static long bodyLength(final long records)
    {
        return RECORDS_OFFSET + records * (long)RECORD_LENGTH;
    }

    /**
     * @return the body offset of record {@code index}.
     */
    public static int recordOffset(final int index)
    {
        return RECORDS_OFFSET + index * RECORD_LENGTH;
    }

    /**
     * @return the body offset of counter {@code counter} of the record at {@code recordOffset}.
     */
    public static int counterOffset(final int recordOffset, final int counter)
    {
        return recordOffset + VALUES_OFFSET + counter * Long.BYTES;
    }

    /**
     * @throws IllegalArgumentException naming the value when {@code records} is out of range.
     */
    public static int checkRecords(final long records)
    {
        if (records < MIN_RECORDS || records > MAX_RECORDS)
        {
            throw new IllegalArgumentException("counters records " + records + " not in [" + MIN_RECORDS + ", " +
                MAX_RECORDS + "]");
        }
        return (int)records;
    }

    /**
     * @return the spec of a counters file of {@code records} records.
     */
    static SharedFileSpec spec(final int records)
    {
        return SharedFileSpec.builder(ObjectKind.COUNTERS, bodyLength(records))
            .param(PARAM_RECORDS, "records", records)
            .param(PARAM_RECORD_LENGTH, "record length", RECORD_LENGTH)
            .param(PARAM_LAYOUT, "counters layout", LAYOUT_VERSION)
            .initializer(body -> body.putLong(NOT_COUNTED_OFFSET, 0))
            .build();
    }
}
