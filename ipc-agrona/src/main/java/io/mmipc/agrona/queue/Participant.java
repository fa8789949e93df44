package io.mmipc.agrona.queue;

import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.owner.OwnerCell;
import io.mmipc.internal.owner.OwnerWord;
import io.mmipc.internal.owner.OwnerWordDescriptor;
import io.mmipc.internal.owner.ParticipantRegistry;
import io.mmipc.internal.spi.TransportContext;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A queue or pipe end as the ownership core knows it: a lease on this JVM's entry in the
 * directory's {@link ParticipantRegistry}, and an owner id made of the entry's token and a
 * per-JVM object number, so that two objects of one JVM never share a role, a slot or a turn.
 * Every word this object writes to say "mine" holds {@link #id()}.
 */
public final class Participant
{
    /** Object numbers are never reused in a JVM: a stale word of a closed object names nobody alive here. */
    private static final AtomicInteger OBJECTS = new AtomicInteger();

    private final ParticipantRegistry registry;
    private final int localId;
    private final long id;
    private final AtomicBoolean left = new AtomicBoolean();

    private Participant(final ParticipantRegistry registry, final int localId)
    {
        this.registry = registry;
        this.localId = localId;
        this.id = OwnerWordDescriptor.ownerId(registry.token(), localId);
    }

    /**
     * Takes a registry lease in the context's directory; give it back with {@link #leave()}.
     */
    public static Participant join(final TransportContext ctx)
    {
        return new Participant(ParticipantRegistry.lease(ctx.directory(), ctx.filePermissions()),
            OBJECTS.incrementAndGet());
    }

    /**
     * @return the owner id this object writes into the words it holds.
     */
    public long id()
    {
        return id;
    }

    public ParticipantRegistry registry()
    {
        return registry;
    }

    /**
     * @param bodyOffset where the word lies in {@code file}'s body (8-byte aligned).
     * @param what       what the word guards, for messages.
     * @return the owner word at {@code bodyOffset}; use it between the file's enter and exit.
     */
    public OwnerWord word(final SharedFile file, final int bodyOffset, final String what)
    {
        return new OwnerWord(OwnerCell.of(file.body(), bodyOffset), registry, file.path(),
            SharedFileDescriptor.HEADER_LENGTH + bodyOffset, what);
    }

    /**
     * Gives the registry lease back, once.
     */
    public void leave()
    {
        if (left.compareAndSet(false, true))
        {
            registry.release();
        }
    }

    @Override
    public String toString()
    {
        return "object " + localId + " of " + registry;
    }
}
