package io.mmipc.internal.counters;

import io.mmipc.internal.file.FileTrust;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.owner.ProcessIdentity;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.mmipc.internal.counters.CountersDescriptor.*;

/**
 * This process's counters file in one context directory ({@link CountersDescriptor}): made on
 * the first counted object, then records handed out as objects open and taken back as they
 * close. The one writer of the file is this process, so no record is ever claimed with an
 * atomic: a monitor orders the allocation among this process's threads.
 * <p>
 * <b>Lifetime.</b> The file is mapped once and never unmapped explicitly: every
 * {@link Counters} handle holds the mapping, so an add from a call still in flight can never
 * touch unmapped memory (that would crash the JVM). When the last handle of a directory is
 * unreachable the garbage collector unmaps it; the file itself stays in the directory, with its
 * counts, until the directory is removed, and reopening it later (in this process) continues
 * its records.
 * <p>
 * <b>Failures.</b> Counting never fails an object: a directory where the file cannot be made,
 * or a file whose records are all taken, leaves the object {@link Counters#uncounted
 * uncounted}; the first is logged once per directory (logger {@code io.mmipc.counters}), the
 * second counted in the file's not-counted word.
 */
public final class ProcessCounters
{
    static final Logger LOG = Logger.getLogger("io.mmipc.counters");

    private static final Map<Object, WeakReference<ProcessCounters>> BY_DIRECTORY = new ConcurrentHashMap<>();
    private static final Set<Object> LOGGED = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final MappedByteBuffer mapped; // held: the mapping lives while this object does
    private final AtomicBuffer body;
    private final int capacity;
    private final Map<String, ArrayDeque<Integer>> free = new HashMap<>();
    private final Set<Integer> inUse = new HashSet<>();
    private int allocated;

    private ProcessCounters(final Path path, final MappedByteBuffer mapped, final int capacity)
    {
        this.path = path;
        this.mapped = mapped;
        this.body = new UnsafeBuffer(mapped, SharedFileDescriptor.HEADER_LENGTH,
            mapped.capacity() - SharedFileDescriptor.HEADER_LENGTH);
        this.capacity = capacity;
        this.allocated = Math.max(0, Math.min(capacity, body.getIntVolatile(ALLOCATED_OFFSET)));
        for (int i = 0; i < allocated; i++)
        {
            final int offset = recordOffset(i);
            final CounterSet set = CounterSet.fromId(body.getInt(offset + SET_ID_OFFSET));
            final int length = body.getInt(offset + NAME_LENGTH_OFFSET);
            if (set != null && length > 0 && length <= MAX_NAME_LENGTH)
            {
                free.computeIfAbsent(key(set, body.getStringWithoutLengthAscii(offset + NAME_OFFSET, length)),
                    k -> new ArrayDeque<>()).add(offset);
            }
        }
    }

    /**
     * Takes a record for an object that opens: {@code set}'s counters for the object {@code name}
     * (its file name) in {@code directory}. Call when the object opens, never on a hot path.
     *
     * @param permissions those of the directory's other files, for a new counters file.
     * @return the object's counters; {@link Counters#uncounted} when counting is off or fails.
     */
    public static Counters open(final Path directory, final Set<PosixFilePermission> permissions,
        final CounterSet set, final String name)
    {
        if (!Counters.ENABLED || name == null || name.isEmpty() ||
            name.getBytes(StandardCharsets.US_ASCII).length > MAX_NAME_LENGTH)
        {
            return Counters.uncounted(set, name);
        }
        final ProcessCounters counters = of(directory, permissions);
        return counters == null ? Counters.uncounted(set, name) : counters.take(set, name);
    }

    /**
     * @return this process's counters file in {@code directory}, made or reopened; null when it
     *         cannot be (logged once per directory).
     */
    static ProcessCounters of(final Path directory, final Set<PosixFilePermission> permissions)
    {
        final Object key;
        try
        {
            key = directoryKey(directory);
        }
        catch (final IOException ex)
        {
            logOnce(directory, ex);
            return null;
        }
        synchronized (BY_DIRECTORY)
        {
            final WeakReference<ProcessCounters> ref = BY_DIRECTORY.get(key);
            final ProcessCounters known = ref == null ? null : ref.get();
            if (known != null)
            {
                return known;
            }
            BY_DIRECTORY.values().removeIf(stale -> stale.get() == null);
            try
            {
                final ProcessCounters made = map(directory.resolve(fileName(ProcessIdentity.current())), permissions);
                BY_DIRECTORY.put(key, new WeakReference<>(made));
                return made;
            }
            catch (final IOException | RuntimeException ex)
            {
                logOnce(directory, ex);
                return null;
            }
        }
    }

    /**
     * A directory removed and made again under the same path is another directory: the key
     * holds the inode.
     */
    private static Object directoryKey(final Path directory) throws IOException
    {
        final BasicFileAttributes attributes =
            Files.readAttributes(directory, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return directory.toAbsolutePath().normalize() + "|" + attributes.fileKey();
    }

    private static ProcessCounters map(final Path path, final Set<PosixFilePermission> permissions)
        throws IOException
    {
        final int records = checkRecords(Long.getLong("mmipc.counters.records", DEFAULT_RECORDS));
        final long totalLength;
        final int capacity;
        // SharedFiles makes the file the one safe way (or checks this process's earlier one);
        // its mapping is closed at once and the file mapped again here, never to be unmapped by hand.
        try (SharedFile file = SharedFiles.createOrOpenAt(path, spec(records), permissions))
        {
            totalLength = file.header().totalLength();
            capacity = checkRecords(file.header().param(PARAM_RECORDS));
        }
        FileTrust.checkRegularFile(path);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS))
        {
            if (channel.size() < totalLength)
            {
                throw new IOException(path + ": counters file is " + channel.size() + " bytes, its header says " +
                    totalLength);
            }
            return new ProcessCounters(path, channel.map(FileChannel.MapMode.READ_WRITE, 0, totalLength), capacity);
        }
    }

    private static void logOnce(final Path directory, final Exception ex)
    {
        if (LOGGED.add(directory.toAbsolutePath().normalize().toString()))
        {
            LOG.log(Level.WARNING, "mmipc: objects in " + directory + " are not counted: " + ex, ex);
        }
    }

    private static String key(final CounterSet set, final String name)
    {
        return set.id() + "/" + name;
    }

    public Path path()
    {
        return path;
    }

    synchronized Counters take(final CounterSet set, final String name)
    {
        final ArrayDeque<Integer> reusable = free.get(key(set, name));
        if (reusable != null && !reusable.isEmpty())
        {
            final int offset = reusable.poll();
            inUse.add(offset);
            return new Counters(this, body, offset, set, name);
        }
        if (allocated == capacity)
        {
            body.getAndAddLong(NOT_COUNTED_OFFSET, 1);
            return Counters.uncounted(set, name);
        }
        final int offset = recordOffset(allocated);
        body.setMemory(offset, RECORD_LENGTH, (byte)0);
        body.putInt(offset + SET_ID_OFFSET, set.id());
        body.putInt(offset + NAME_LENGTH_OFFSET, body.putStringWithoutLengthAscii(offset + NAME_OFFSET, name));
        allocated++;
        body.putIntRelease(ALLOCATED_OFFSET, allocated); // the record is whole before readers count it
        inUse.add(offset);
        return new Counters(this, body, offset, set, name);
    }

    synchronized void release(final Counters counters)
    {
        if (inUse.remove(counters.recordOffset()))
        {
            free.computeIfAbsent(key(counters.set(), counters.name()), k -> new ArrayDeque<>())
                .push(counters.recordOffset());
        }
    }

    /**
     * @return records handed out and not given back (tests).
     */
    synchronized int recordsInUse()
    {
        return inUse.size();
    }

    synchronized int recordsAllocated()
    {
        return allocated;
    }

    @Override
    public String toString()
    {
        return "counters " + path + " (" + allocated + " of " + capacity + " records)";
    }
}
