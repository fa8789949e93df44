package io.mmipc.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timestamp;

/**
 * An owner word taken over from a holder whose process died ({@code OwnerWord}): the new holder is
 * told ({@code EOWNERDEAD}) and repairs what the dead one left.
 */
@Name("io.mmipc.LockTakenOver")
@Label("Owner Taken Over")
@Category("mmipc")
@Description("An owner word (lock, rlock, dict stripe, queue consumer turn or role, pipe end, named tailer) " +
    "was taken over from a holder whose process died")
@StackTrace(false)
final class LockTakenOver extends jdk.jfr.Event
{
    @Label("File")
    String file;

    @Label("Word Offset")
    @Description("Offset of the owner word from the start of the file")
    long offset;

    @Label("Guards")
    @Description("What the word guards")
    String guards;

    @Label("Dead Holder Pid")
    @Description("0 when the dead holder's registry entry was already reused")
    long deadPid;

    @Label("Dead Holder Start Time")
    @Timestamp(Timestamp.MILLISECONDS_SINCE_EPOCH)
    long deadStartTime;

    @Label("Taker Pid")
    long takerPid;
}
