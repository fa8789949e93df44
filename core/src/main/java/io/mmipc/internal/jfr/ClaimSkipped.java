package io.mmipc.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A producer's claim in a ring turned into padding because its process died before it committed
 * (counted in the channel's skipped count).
 */
@Name("io.mmipc.ClaimSkipped")
@Label("Queue Claim Skipped")
@Category("mmipc")
@Description("A dead producer's open claim in a ring was turned into padding, so consumers can go on")
@StackTrace(false)
final class ClaimSkipped extends jdk.jfr.Event
{
    @Label("File")
    String file;

    @Label("Offset")
    @Description("Offset of the first skipped byte from the start of the file")
    long offset;

    @Label("Length")
    @DataAmount
    long length;

    @Label("Claims")
    @Description("How many claims were skipped")
    int claims;

    @Label("Reason")
    String reason;

    @Label("Repairer Pid")
    long repairerPid;
}
