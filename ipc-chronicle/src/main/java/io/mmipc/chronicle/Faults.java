package io.mmipc.chronicle;

import io.mmipc.DurableLogException;
import io.mmipc.DurableLogException.Reason;

import java.io.File;
import java.nio.file.Path;

/**
 * Turns a fault in a mapped queue file into an exception that names the file. On HotSpot 17 a
 * touch of a mapping past the end of a file that shrank raises an asynchronous
 * {@link InternalError} ("a fault occurred in an unsafe memory access operation"); the JVM
 * survives. Chronicle keeps every file it maps at least one block plus its overlap long, so a
 * shorter file was truncated behind its back. That is recorded in the log's metadata
 * ({@link TailerRegistry#markTruncated}), and the log is not opened again while the file is there.
 */
final class Faults
{
    private Faults()
    {
    }

    static RuntimeException translate(final ChronicleDurableLog log, final File current, final InternalError fault)
    {
        final Path path = current != null ? current.toPath() : log.directory();
        final long size = current != null ? current.length() : -1;
        final long mapped = log.queue().blockSize() + log.queue().overlapSize();
        if (current != null && size < mapped)
        {
            return truncated(log, path, size, mapped, fault);
        }
        return new DurableLogException(path, Reason.IO, "mapped memory faulted (" + fault.getMessage() + ")", fault);
    }

    /**
     * @throws DurableLogException when {@code current} is shorter than Chronicle ever leaves a file.
     */
    static void checkBacked(final ChronicleDurableLog log, final File current)
    {
        if (current == null)
        {
            return;
        }
        final long size = current.length();
        final long mapped = log.queue().blockSize() + log.queue().overlapSize();
        if (size < mapped)
        {
            throw truncated(log, current.toPath(), size, mapped, null);
        }
    }

    private static DurableLogException truncated(
        final ChronicleDurableLog log, final Path path, final long size, final long mapped, final Throwable cause)
    {
        // Chronicle extends a short file again with zeros, which would hide the loss from the next
        // opener: record it, so the log is refused until the file is moved away.
        log.registry().markTruncated(path.getFileName().toString());
        return new DurableLogException(path, Reason.TRUNCATED, "queue file truncated behind the log's back: it is " +
            (size < 0 ? "unreadable" : size + " bytes") + ", Chronicle maps at least " + mapped +
            "; messages past the cut are lost", cause);
    }
}
