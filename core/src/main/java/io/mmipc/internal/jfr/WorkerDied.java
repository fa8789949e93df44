package io.mmipc.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A Pool worker JVM that ended without retiring (killed, crashed, exited): the tasks it held fail
 * with {@code WorkerDiedException} and the pool starts a replacement.
 */
@Name("io.mmipc.WorkerDied")
@Label("Pool Worker Died")
@Category("mmipc")
@Description("A Pool worker JVM ended without retiring; the tasks it held fail and it is replaced")
@StackTrace(false)
final class WorkerDied extends jdk.jfr.Event
{
    @Label("Pool")
    String pool;

    @Label("Worker")
    String worker;

    @Label("Worker Pid")
    long pid;

    @Label("Exit Code")
    @Description("-1 when not known yet")
    int exitCode;

    @Label("Batches Held")
    @Description("Task batches the worker held when it died; they fail")
    int batchesHeld;
}
