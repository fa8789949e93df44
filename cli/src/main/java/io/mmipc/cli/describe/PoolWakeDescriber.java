package io.mmipc.cli.describe;

import io.mmipc.cli.read.FileBytes;
import io.mmipc.cli.read.Participants;
import io.mmipc.internal.file.SharedFileHeader;
import io.mmipc.internal.pool.PoolWakeDescriptor;

import java.io.IOException;

/**
 * A pool's wake file ({@link PoolWakeDescriptor}, kind {@code POOL}, {@code <pool>-wake}): the
 * word its dispatcher sleeps on when a round found nothing to do, which replies and calls signal.
 * A wake word counts no waiters: the sleepers flag says the dispatcher may be asleep, and the
 * counters how often it slept and was woken.
 */
final class PoolWakeDescriber extends BaseDescriber
{
    PoolWakeDescriber()
    {
        super("pool wake layout version");
    }

    @Override
    public String label(final SharedFileHeader header)
    {
        return PoolWakeDescriptor.TYPE.equals(header.typeTag()) ? "pool wake" : "pool " + header.typeTag();
    }

    @Override
    public String layoutProblem(final SharedFileHeader header)
    {
        if (!PoolWakeDescriptor.TYPE.equals(header.typeTag()))
        {
            return "unknown pool file type \"" + header.typeTag() + "\" (this mmipc knows \"" +
                PoolWakeDescriptor.TYPE + "\")";
        }
        final String version = versionProblem(header, 0, "pool wake", PoolWakeDescriptor.LAYOUT_VERSION);
        return version != null ? version : needs(header, PoolWakeDescriptor.BODY_LENGTH, "a pool wake file");
    }

    @Override
    public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
        final ObjectState out) throws IOException
    {
        final boolean sleepers = WakeWords.read(header, file, PoolWakeDescriptor.WAKE_OFFSET, "", out);
        out.summary(sleepers ? "dispatcher may be asleep" : "dispatcher not asleep");
    }
}
