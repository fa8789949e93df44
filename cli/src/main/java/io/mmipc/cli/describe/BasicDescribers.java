package io.mmipc.cli.describe;

import io.mmipc.cli.read.FileBytes;
import io.mmipc.cli.read.Participants;
import io.mmipc.internal.dir.ContextDirectory;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFileHeader;
import io.mmipc.internal.owner.RegistryDescriptor;

import java.util.Locale;

/**
 * Describers of core's own files (context marker, participant registry, shared memory), of spill
 * files, and the generic one for kinds the tool knows no layout of.
 */
final class BasicDescribers
{
    private BasicDescribers()
    {
    }

    static final class Marker extends BaseDescriber
    {
        Marker()
        {
            super(paramNames(ContextDirectory.PARAM_PERSISTENT, "persistent"));
        }

        @Override
        public String label(final SharedFileHeader header)
        {
            return "context marker";
        }

        @Override
        public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
            final ObjectState out)
        {
            final boolean persistent = header.param(ContextDirectory.PARAM_PERSISTENT) != 0;
            out.field("persistent", persistent).summary(persistent ? "persistent" : "private");
        }
    }

    static final class Registry extends BaseDescriber
    {
        Registry()
        {
            super(paramNames(RegistryDescriptor.PARAM_CAPACITY, "capacity", RegistryDescriptor.PARAM_ENTRY_LENGTH,
                "entry length"));
        }

        @Override
        public String label(final SharedFileHeader header)
        {
            return "participant registry";
        }

        @Override
        public String layoutProblem(final SharedFileHeader header)
        {
            if (header.param(RegistryDescriptor.PARAM_CAPACITY) != RegistryDescriptor.CAPACITY ||
                header.param(RegistryDescriptor.PARAM_ENTRY_LENGTH) != RegistryDescriptor.ENTRY_LENGTH)
            {
                return "a registry of capacity " + header.param(RegistryDescriptor.PARAM_CAPACITY) + " and entry length " +
                    header.param(RegistryDescriptor.PARAM_ENTRY_LENGTH) + "; this mmipc reads capacity " +
                    RegistryDescriptor.CAPACITY + ", entry length " + RegistryDescriptor.ENTRY_LENGTH;
            }
            return needs(header, RegistryDescriptor.BODY_LENGTH, "the registry");
        }

        @Override
        public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
            final ObjectState out)
        {
            out.field("participants", participants.all().size()).field("alive", participants.liveCount())
                .summary(participants.all().size() + " participants, " + participants.liveCount() + " alive");
            if (participants.problem() != null)
            {
                out.problem(participants.problem());
            }
        }
    }

    static final class SharedMemory extends BaseDescriber
    {
        @Override
        public String label(final SharedFileHeader header)
        {
            return "shared memory";
        }

        @Override
        public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
            final ObjectState out)
        {
            out.field("bytes", header.bodyLength()).summary(header.bodyLength() + " bytes");
        }
    }

    static final class Spill extends BaseDescriber
    {
        private static final int PARAM_LENGTH = 0;

        Spill()
        {
            super("length");
        }

        @Override
        public String label(final SharedFileHeader header)
        {
            return "spill";
        }

        @Override
        public String layoutProblem(final SharedFileHeader header)
        {
            final long length = header.param(PARAM_LENGTH);
            return needs(header, length, "a spilled message of " + length + " bytes");
        }

        @Override
        public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
            final ObjectState out)
        {
            out.field("messageBytes", header.param(PARAM_LENGTH))
                .summary("one message of " + header.param(PARAM_LENGTH) + " bytes, not yet received");
        }
    }

    /**
     * For kinds whose body the tool does not read (yet): the header alone.
     */
    static final class Generic extends BaseDescriber
    {
        private final ObjectKind kind;

        Generic(final ObjectKind kind)
        {
            this.kind = kind;
        }

        @Override
        public String label(final SharedFileHeader header)
        {
            return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }

        @Override
        public String paramName(final SharedFileHeader header, final int index)
        {
            return header.param(index) != 0 ? "param" + index : null;
        }

        @Override
        public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
            final ObjectState out)
        {
            // nothing known beyond the header
        }
    }

    /**
     * @return names by index from (index, name) pairs.
     */
    static String[] paramNames(final Object... indexAndName)
    {
        int count = 0;
        for (int i = 0; i < indexAndName.length; i += 2)
        {
            count = Math.max(count, (Integer)indexAndName[i] + 1);
        }
        final String[] names = new String[count];
        for (int i = 0; i < indexAndName.length; i += 2)
        {
            names[(Integer)indexAndName[i]] = (String)indexAndName[i + 1];
        }
        return names;
    }
}
