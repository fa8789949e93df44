package io.mmipc.internal.jfr;

import io.mmipc.internal.owner.OwnerWord;
import io.mmipc.internal.owner.ProcessIdentity;

import java.nio.file.Path;

/**
 * Where the code base commits its JFR events: one call per moment, each a no-op unless a
 * recording enables the event (the event object does not escape, so the JIT removes it). On a
 * runtime image without the {@code jdk.jfr} module every call returns at once: the event classes
 * are then never loaded.
 */
public final class MmipcEvents
{
    private static final long PID = ProcessHandle.current().pid();
    private static final boolean JFR = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private MmipcEvents()
    {
    }

    /**
     * After {@code word} was taken over from the holder named by {@code deadWord}.
     */
    public static void ownerTakenOver(final OwnerWord word, final long deadWord)
    {
        if (!JFR)
        {
            return;
        }
        final LockTakenOver event = new LockTakenOver();
        if (event.shouldCommit())
        {
            final ProcessIdentity dead = word.holderIdentity(deadWord);
            event.file = String.valueOf(word.file());
            event.offset = word.fileOffset();
            event.guards = String.valueOf(word.what());
            event.deadPid = dead.pid();
            event.deadStartTime = dead.startMillis();
            event.takerPid = PID;
            event.commit();
        }
    }

    /**
     * After a consumer side guarded by {@code word} was taken over and what the dead consumer had
     * taken was skipped. A null {@code word} (a unit test's bare channel) records nothing.
     */
    public static void consumerTakenOver(final OwnerWord word, final int skippedRecords, final long skippedBytes)
    {
        if (!JFR)
        {
            return;
        }
        final ConsumerTakenOver event = new ConsumerTakenOver();
        if (word != null && event.shouldCommit())
        {
            final ProcessIdentity dead = word.holderIdentity(word.lastTakenFrom());
            event.file = String.valueOf(word.file());
            event.consumer = String.valueOf(word.what());
            event.deadPid = dead.pid();
            event.deadStartTime = dead.startMillis();
            event.takerPid = PID;
            event.skippedRecords = skippedRecords;
            event.skippedBytes = skippedBytes;
            event.commit();
        }
    }

    /**
     * After {@code claims} open claims of dead producers, {@code length} bytes from {@code fileOffset}, became padding.
     */
    public static void claimSkipped(final Path file, final long fileOffset, final long length, final int claims,
        final String reason)
    {
        if (!JFR)
        {
            return;
        }
        final ClaimSkipped event = new ClaimSkipped();
        if (event.shouldCommit())
        {
            event.file = String.valueOf(file);
            event.offset = fileOffset;
            event.length = length;
            event.claims = claims;
            event.reason = reason;
            event.repairerPid = PID;
            event.commit();
        }
    }

    /**
     * When a pool's dispatcher finds a worker ended without retiring.
     */
    public static void workerDied(final String pool, final String worker, final long pid, final int exitCode,
        final int batchesHeld)
    {
        if (!JFR)
        {
            return;
        }
        final WorkerDied event = new WorkerDied();
        if (event.shouldCommit())
        {
            event.pool = pool;
            event.worker = worker;
            event.pid = pid;
            event.exitCode = exitCode;
            event.batchesHeld = batchesHeld;
            event.commit();
        }
    }

    /**
     * When a {@code SharedStateCorruptedException} is made.
     */
    public static void corruptionDetected(final Path file, final long offset, final String detail)
    {
        if (!JFR)
        {
            return;
        }
        final CorruptionDetected event = new CorruptionDetected();
        if (event.shouldCommit())
        {
            event.file = String.valueOf(file);
            event.offset = offset;
            event.detail = detail;
            event.commit();
        }
    }
}
