package io.mmipc.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A word in a shared file holds a value no mmipc writer produces; the operation that read it fails
 * with {@code SharedStateCorruptedException}. Keeps its stack trace: where it was read matters.
 */
@Name("io.mmipc.CorruptionDetected")
@Label("Shared State Corrupted")
@Category("mmipc")
@Description("A word in a shared file holds a value no mmipc writer produces")
final class CorruptionDetected extends jdk.jfr.Event
{
    @Label("File")
    String file;

    @Label("Offset")
    @Description("Offset of the bad word from the start of the file, -1 when it is not one word")
    long offset;

    @Label("Detail")
    String detail;
}
