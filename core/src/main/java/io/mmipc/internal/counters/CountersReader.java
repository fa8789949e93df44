package io.mmipc.internal.counters;

import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileHeader;
import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.owner.ProcessIdentity;

import org.agrona.concurrent.AtomicBuffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.mmipc.internal.counters.CountersDescriptor.*;

/**
 * Reads the counters files of a context directory ({@link CountersDescriptor}): the header with
 * plain file I/O and checked first, then the records through a {@link SharedFile} mapping, inside
 * its enter/exit guard, so a file truncated under the reader is a reported fault rather than a
 * crash, and with acquire/volatile reads of the words other processes publish. What it reads is a
 * snapshot of values their writers keep adding to, and every length and id in it is checked
 * before use. Files still under their temporary name are skipped; a file it cannot make sense of
 * is reported with the reason, never thrown. The one reader of counters: {@code mmipc stat} and
 * {@link io.mmipc.ContextStats} both read through it.
 */
public final class CountersReader
{
    /**
     * One record as read: the counters of one object (or, when summed, of several) of a process.
     *
     * @param values every counter by index ({@link CounterSet}).
     */
    public record Record(CounterSet set, String object, long[] values)
    {
        /**
         * @return the named, used counters: "messagesOut" to its value, in index order.
         */
        public Map<String, Long> named()
        {
            final Map<String, Long> named = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++)
            {
                final String name = set.counterName(i);
                if (name != null)
                {
                    named.put(name, values[i]);
                }
            }
            return named;
        }

        public long get(final int counter)
        {
            return values[counter];
        }
    }

    /**
     * One process's counters file.
     *
     * @param records    its records, those of one object summed (an object opened twice has two).
     * @param notCounted objects it could not count (every record was taken).
     * @param problem    what is wrong with the file, or null.
     */
    public record ProcessFile(Path path, ProcessIdentity process, boolean alive, List<Record> records,
        long notCounted, String problem)
    {
        /**
         * @return this process's counters of {@code object}, or null when it has none.
         */
        public Record of(final String object)
        {
            return of(null, object);
        }

        /**
         * @param set the set, or null for any.
         * @return this process's counters of {@code object} in {@code set}, or null when it has none.
         */
        public Record of(final CounterSet set, final String object)
        {
            for (final Record record : records)
            {
                if (record.object().equals(object) && (set == null || record.set() == set))
                {
                    return record;
                }
            }
            return null;
        }
    }

    private CountersReader()
    {
    }

    /**
     * @return the counters files of {@code directory}, sorted by name; empty when it has none.
     */
    public static List<ProcessFile> read(final Path directory) throws IOException
    {
        final List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, FILE_PREFIX + "*"))
        {
            for (final Path entry : entries)
            {
                if (!SharedFiles.isTemporaryName(entry.getFileName().toString()))
                {
                    paths.add(entry); // a file being created is published by its link, whole
                }
            }
        }
        paths.sort(null);
        final List<ProcessFile> files = new ArrayList<>();
        for (final Path path : paths)
        {
            try
            {
                files.add(readFile(path));
            }
            catch (final NoSuchFileException gone)
            {
                // the directory is being removed
            }
            catch (final IOException ex)
            {
                files.add(broken(path, null, "cannot read: " + ex.getMessage()));
            }
        }
        return files;
    }

    /**
     * Sums the counters of each object over {@code files}, the dead processes' included.
     *
     * @return object name to its summed records, one per counter set (a pipe has one per end),
     *         in set order; sorted by name.
     */
    public static Map<String, List<Record>> sumByObject(final List<ProcessFile> files)
    {
        final Map<String, Map<CounterSet, Record>> sums = new TreeMap<>();
        for (final ProcessFile file : files)
        {
            for (final Record record : file.records())
            {
                sums.computeIfAbsent(record.object(), k -> new EnumMap<>(CounterSet.class))
                    .merge(record.set(), record, CountersReader::add);
            }
        }
        final Map<String, List<Record>> result = new TreeMap<>();
        sums.forEach((object, bySet) -> result.put(object, new ArrayList<>(bySet.values())));
        return result;
    }

    /**
     * Reads one counters file.
     *
     * @throws NoSuchFileException when it is gone.
     */
    public static ProcessFile readFile(final Path path) throws IOException
    {
        final SharedFileHeader header;
        try
        {
            header = SharedFiles.readHeader(path);
        }
        catch (final NoSuchFileException gone)
        {
            throw gone;
        }
        catch (final IOException | RuntimeException ex)
        {
            return broken(path, null, "unreadable header: " + ex.getMessage());
        }
        final ProcessIdentity process = header.creator();
        if (header.kind() != ObjectKind.COUNTERS)
        {
            return broken(path, process, "a " + header.kind() + " file, not counters");
        }
        final long records = header.param(PARAM_RECORDS);
        if (header.param(PARAM_LAYOUT) != LAYOUT_VERSION || header.param(PARAM_RECORD_LENGTH) != RECORD_LENGTH ||
            records < MIN_RECORDS || records > MAX_RECORDS || header.bodyLength() < bodyLength(records))
        {
            return broken(path, process, "counters layout " + header.param(PARAM_LAYOUT) + " with records of " +
                header.param(PARAM_RECORD_LENGTH) + " bytes, " + records + " of them in a body of " +
                header.bodyLength() + " bytes: not layout " + LAYOUT_VERSION + " of this version");
        }
        final SharedFile file;
        try
        {
            file = SharedFiles.open(path, spec((int)records));
        }
        catch (final NoSuchFileException gone)
        {
            throw gone;
        }
        catch (final IOException | RuntimeException ex)
        {
            return broken(path, process, "cannot open: " + ex.getMessage());
        }
        try (file)
        {
            file.enter();
            try
            {
                return readRecords(path, process, file.body(), (int)records);
            }
            catch (final InternalError fault)
            {
                return broken(path, process, file.translateFault(fault).getMessage());
            }
            finally
            {
                file.exit();
            }
        }
    }

    /**
     * Reads the records the writer has published: the allocated count with acquire (a record's
     * metadata is whole before the count that covers it is stored with release), then each value
     * with a volatile read, since its writer keeps adding to it (a plain read may tear or be hoisted).
     */
    private static ProcessFile readRecords(final Path path, final ProcessIdentity process, final AtomicBuffer body,
        final int records)
    {
        final int allocated = body.getIntVolatile(ALLOCATED_OFFSET);
        final long notCounted = body.getLongVolatile(NOT_COUNTED_OFFSET);
        if (allocated < 0 || allocated > records)
        {
            return new ProcessFile(path, process, process.isAlive(), List.of(), notCounted,
                "records allocated " + allocated + " not in [0, " + records + "]");
        }
        final Map<String, Record> byObject = new LinkedHashMap<>();
        String problem = null;
        final byte[] name = new byte[MAX_NAME_LENGTH];
        for (int i = 0; i < allocated; i++)
        {
            final int offset = recordOffset(i);
            final CounterSet set = CounterSet.fromId(body.getInt(offset + SET_ID_OFFSET));
            final int length = body.getInt(offset + NAME_LENGTH_OFFSET);
            if (set == null || length < 1 || length > MAX_NAME_LENGTH)
            {
                problem = "record " + i + ": set id " + body.getInt(offset + SET_ID_OFFSET) + ", name length " +
                    length + ": not a record this version writes";
                continue;
            }
            body.getBytes(offset + NAME_OFFSET, name, 0, length);
            final long[] values = new long[RECORD_COUNTERS];
            for (int c = 0; c < RECORD_COUNTERS; c++)
            {
                values[c] = body.getLongVolatile(counterOffset(offset, c));
            }
            final Record record = new Record(set, new String(name, 0, length, StandardCharsets.US_ASCII), values);
            byObject.merge(set.id() + "/" + record.object(), record, CountersReader::add);
        }
        return new ProcessFile(path, process, process.isAlive(), new ArrayList<>(byObject.values()), notCounted,
            problem);
    }

    private static Record add(final Record a, final Record b)
    {
        final long[] sum = a.values().clone();
        for (int i = 0; i < sum.length; i++)
        {
            sum[i] += b.values()[i];
        }
        return new Record(a.set(), a.object(), sum);
    }

    private static ProcessFile broken(final Path path, final ProcessIdentity process, final String problem)
    {
        return new ProcessFile(path, process, process != null && process.isAlive(), List.of(), 0, problem);
    }
}
