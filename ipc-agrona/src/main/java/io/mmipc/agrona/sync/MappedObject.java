package io.mmipc.agrona.sync;

import io.mmipc.SharedResource;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import org.agrona.concurrent.AtomicBuffer;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * What every shared object of this package has: its file, the file's body and the handle it
 * travels as. Every access to {@link #body} runs between {@code file.enter()} and
 * {@code file.exit()}, so a close never unmaps under a running call.
 */
abstract class MappedObject implements SharedResource
{
    final TransportContext ctx;
    final SharedFile file;
    final AtomicBuffer body;
    final String name;

    MappedObject(final TransportContext ctx, final SharedFile file, final String name)
    {
        this.ctx = ctx;
        this.file = file;
        this.body = file.body();
        this.name = name;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public Path path()
    {
        return file.path();
    }

    @Override
    public boolean isClosed()
    {
        return file.isClosed();
    }

    @Override
    public void close()
    {
        file.close();
    }

    /**
     * @return the small serializable stand-in that re-opens this object in another JVM
     *         ({@link AgronaSyncProvider#reopen}).
     */
    abstract Handle handle();

    /**
     * @param kind    one of {@link SyncKinds}.
     * @param param   the parameter re-opening checks against the file (length, permits, parties), else 0.
     * @param related the handle of an object this one needs (a condition's lock, a lock's value), or null.
     */
    final Handle handle(final String kind, final long param, final Serializable related)
    {
        return new Handle(ctx.transport(), ctx.directory().toString(), name, kind, param, null, related);
    }

    /**
     * Java serialization writes the handle instead of this object.
     */
    protected final Object writeReplace()
    {
        return handle();
    }

    /**
     * @return the fault explained: which file, and whether it shrank under the mapping.
     */
    final RuntimeException fault(final InternalError error)
    {
        return file.translateFault(error);
    }

    abstract String kindName();

    @Override
    public String toString()
    {
        return kindName() + " '" + name + "' (" + file.path() + (isClosed() ? ", closed)" : ")");
    }
}
