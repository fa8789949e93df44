package io.mmipc.chronicle;

import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFileSpec;
import io.mmipc.internal.wait.WakeWordDescriptor;

/**
 * Layout of the log's wake file, {@value #FILE_NAME} in the log directory (kind {@code SYNC},
 * type {@value #TYPE}). Chronicle's files are not ours to lay out, so the word on which blocked
 * reads sleep, and which every append signals, lives in a small mmipc file beside them.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  Wake word slot (WakeWordDescriptor, 128 bytes):              |  0
 *  |  every append signals it, a blocked take or poll sleeps on it...
 *  +---------------------------------------------------------------+
 * </pre>
 * The body follows the common mmipc header; parameter 0 holds {@link #LAYOUT_VERSION}, so a
 * process with another layout refuses the file instead of sleeping on the wrong word.
 */
public final class LogWakeDescriptor
{
    /** The file's name: outside Chronicle's names ({@code *.cq4}, {@code *.cq4t}), so its scans skip it. */
    public static final String FILE_NAME = "mmipc-wake";
    public static final String TYPE = "log-wake";
    /** Bumped when this layout changes. */
    public static final int LAYOUT_VERSION = 1;
    public static final int WAKE_OFFSET = 0;
    public static final int BODY_LENGTH = WAKE_OFFSET + WakeWordDescriptor.SLOT_LENGTH;

    private LogWakeDescriptor()
    {
    }

    static SharedFileSpec spec()
    {
        return SharedFileSpec.builder(ObjectKind.SYNC, BODY_LENGTH)
            .param(0, "logWakeLayout", LAYOUT_VERSION)
            .typeTag(TYPE)
            .build();
    }
}
