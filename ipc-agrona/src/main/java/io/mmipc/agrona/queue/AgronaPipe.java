package io.mmipc.agrona.queue;

import io.mmipc.Pipe;
import io.mmipc.PipeEnd;
import io.mmipc.PipeOptions;
import io.mmipc.codec.Codec;
import io.mmipc.codec.CodecRef;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * A pipe file and its two ends. It holds no mapping itself; each end maps the file when it opens.
 */
final class AgronaPipe<T> implements Pipe<T>, Serializable
{
    /** The kind of a pipe's {@link Handle}. */
    static final String HANDLE_KIND = "pipe";
    private static final long serialVersionUID = 1L;

    private final transient TransportContext ctx;
    private final transient String name;
    private final transient Path path;
    private final transient Codec<T> codec;
    private final transient PipeOptions options;
    private final transient boolean duplex;
    private final transient int capacity;
    private final transient int maxMessageLength;
    private final transient AgronaPipeEnd<T> end1;
    private final transient AgronaPipeEnd<T> end2;

    AgronaPipe(final TransportContext ctx, final String name, final Codec<T> codec, final PipeOptions options,
        final boolean duplex, final int capacity, final int maxMessageLength)
    {
        this.ctx = ctx;
        this.name = name;
        this.path = ctx.directory().resolve(name);
        this.codec = codec;
        this.options = options;
        this.duplex = duplex;
        this.capacity = capacity;
        this.maxMessageLength = maxMessageLength;
        this.end1 = new AgronaPipeEnd<>(this, 1);
        this.end2 = new AgronaPipeEnd<>(this, 2);
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public Path path()
    {
        return path;
    }

    @Override
    public boolean isDuplex()
    {
        return duplex;
    }

    @Override
    public PipeEnd<T> end1()
    {
        return end1;
    }

    @Override
    public PipeEnd<T> end2()
    {
        return end2;
    }

    TransportContext context()
    {
        return ctx;
    }

    Codec<T> codec()
    {
        return codec;
    }

    PipeOptions options()
    {
        return options;
    }

    int capacity()
    {
        return capacity;
    }

    int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * Serialized as a small handle; the ends travel as handles of their own ({@link AgronaPipeEnd#HANDLE_KIND}).
     */
    Object writeReplace() throws ObjectStreamException
    {
        return handle();
    }

    Handle handle() throws ObjectStreamException
    {
        return new Handle(ctx.transport(), ctx.directory().toString(), name, HANDLE_KIND, 0,
            CodecRef.of(codec, this), null);
    }

    @Override
    public String toString()
    {
        return (duplex ? "pipe " : "one-way pipe ") + path + " (" + codec.id() + ")";
    }
}
