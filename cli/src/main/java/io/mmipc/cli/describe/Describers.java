package io.mmipc.cli.describe;

import io.mmipc.cli.read.FileBytes;
import io.mmipc.cli.read.Participants;
import io.mmipc.cli.read.RawHeader;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.file.SharedFileHeader;
import io.mmipc.internal.owner.ProcessIdentity;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The describer of every kind, and the one way the tool looks at a file: header, the one header
 * check, the layout check of its kind, then its body.
 */
public final class Describers
{
    private static final Map<ObjectKind, Describer> BY_KIND = new EnumMap<>(ObjectKind.class);

    static
    {
        BY_KIND.put(ObjectKind.CONTEXT, new BasicDescribers.Marker());
        BY_KIND.put(ObjectKind.REGISTRY, new BasicDescribers.Registry());
        BY_KIND.put(ObjectKind.SHARED_MEMORY, new BasicDescribers.SharedMemory());
        BY_KIND.put(ObjectKind.SPILL, new BasicDescribers.Spill());
        BY_KIND.put(ObjectKind.QUEUE_ONE_TO_ONE, new QueueDescribers.Queue(true));
        BY_KIND.put(ObjectKind.QUEUE_MANY_TO_MANY, new QueueDescribers.Queue(false));
        BY_KIND.put(ObjectKind.PIPE, new QueueDescribers.Pipe());
        BY_KIND.put(ObjectKind.VALUE, new SyncDescribers.Value());
        BY_KIND.put(ObjectKind.ARRAY, new SyncDescribers.Array());
        BY_KIND.put(ObjectKind.SYNC, new SyncDescribers.Sync());
        BY_KIND.put(ObjectKind.MAP, new MapDescribers.Dict("dict", "entry", "entries"));
        BY_KIND.put(ObjectKind.NAMESPACE, new MapDescribers.Dict("namespace", "attribute", "attributes"));
        BY_KIND.put(ObjectKind.LIST, new MapDescribers.SharedList());
        BY_KIND.put(ObjectKind.TOPIC, new TopicDescriber());
        BY_KIND.put(ObjectKind.JOINABLE, new JoinableDescriber());
        BY_KIND.put(ObjectKind.POOL, new PoolWakeDescriber());
        BY_KIND.put(ObjectKind.COUNTERS, new CountersDescriber());
        for (final ObjectKind kind : ObjectKind.values())
        {
            BY_KIND.putIfAbsent(kind, new BasicDescribers.Generic(kind));
        }
    }

    private Describers()
    {
    }

    public static Describer forKind(final ObjectKind kind)
    {
        return BY_KIND.get(kind);
    }

    /**
     * Looks at one file without mapping it.
     *
     * @param followLinks false for files found in a context directory.
     * @throws io.mmipc.cli.read.NotRegularFileException when the path is not a regular file (it is not opened).
     * @throws java.nio.file.NoSuchFileException when it does not exist.
     */
    public static ObjectView inspect(final Path path, final boolean followLinks, final Participants participants)
        throws IOException
    {
        try (FileBytes file = FileBytes.open(path, followLinks))
        {
            final RawHeader raw = RawHeader.read(file);
            final SharedFileHeader header = raw.checked();
            final ObjectKind kind = raw.kind();
            final Describer describer = kind == null ? null : forKind(kind);
            final Map<String, Long> params = params(raw, header, describer);
            final ObjectState state = new ObjectState();
            if (header == null)
            {
                return new ObjectView(path, raw, labelOf(raw, describer), params, state, raw.problemDetail());
            }
            final String layout = describer.layoutProblem(header);
            if (layout != null)
            {
                return new ObjectView(path, raw, describer.label(header), params, state, layout);
            }
            String damage = null;
            try
            {
                describer.read(header, file, participants, state);
            }
            catch (final EOFException shrank)
            {
                damage = "the file shrank while it was read: " + shrank.getMessage();
            }
            return new ObjectView(path, raw, describer.label(header), params, state, damage);
        }
    }

    private static String labelOf(final RawHeader raw, final Describer describer)
    {
        if (!raw.hasMagic())
        {
            return "?";
        }
        return describer == null ? "kind " + raw.kindCode() : describer.label(rawHeader(raw));
    }

    /**
     * A describer labels from a header; for a damaged file, one built from the raw fields.
     */
    private static SharedFileHeader rawHeader(final RawHeader raw)
    {
        final long[] params = new long[SharedFileDescriptor.PARAM_COUNT];
        for (int i = 0; i < params.length; i++)
        {
            params[i] = raw.param(i);
        }
        return new SharedFileHeader(raw.version(), raw.kind(), raw.totalLength(),
            new ProcessIdentity(raw.creatorPid(), raw.creatorStartMillis()),
            raw.createdAtMillis(), params, raw.typeTag());
    }

    private static Map<String, Long> params(final RawHeader raw, final SharedFileHeader checked, final Describer describer)
    {
        final Map<String, Long> params = new LinkedHashMap<>();
        if (!raw.hasMagic())
        {
            return params;
        }
        final SharedFileHeader header = checked != null ? checked : rawHeader(raw);
        for (int i = 0; i < SharedFileDescriptor.PARAM_COUNT; i++)
        {
            final String name = describer != null ? describer.paramName(header, i) : raw.param(i) != 0 ? "param" + i : null;
            if (name != null)
            {
                params.put(name, raw.param(i));
            }
        }
        return params;
    }
}
