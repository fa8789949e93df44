package io.mmipc.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timestamp;

/**
 * The consumer side of a queue or pipe taken over from a consumer whose process died; what that one
 * had taken stays taken (at-most-once) and is skipped.
 */
@Name("io.mmipc.ConsumerTakenOver")
@Label("Consumer Taken Over")
@Category("mmipc")
@Description("The consumer side of a queue or pipe was taken over from a consumer whose process died")
@StackTrace(false)
final class ConsumerTakenOver extends jdk.jfr.Event
{
    @Label("File")
    String file;

    @Label("Consumer")
    @Description("The consumer word's owner: which queue or pipe end")
    String consumer;

    @Label("Dead Holder Pid")
    @Description("0 when the dead holder's registry entry was already reused")
    long deadPid;

    @Label("Dead Holder Start Time")
    @Timestamp(Timestamp.MILLISECONDS_SINCE_EPOCH)
    long deadStartTime;

    @Label("Taker Pid")
    long takerPid;

    @Label("Skipped Records")
    @Description("Messages the dead consumer had taken, skipped (at-most-once)")
    int skippedRecords;

    @Label("Skipped Bytes")
    @DataAmount
    long skippedBytes;
}
