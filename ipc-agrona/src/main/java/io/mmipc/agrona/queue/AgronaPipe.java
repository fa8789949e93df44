package io.mmipc.agrona.queue;

import io.mmipc.codec.CodecRef;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.spi.Handles;
import io.mmipc.Pipe;
import io.mmipc.PipeEnd;
import io.mmipc.PipeOptions;
import io.mmipc.codec.Codec;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * A pipe file and its two ends. It holds no mapping itself; each end maps the file when it opens.
 */
final class AgronaPipe<T> implements Pipe<T>, Serializable
{
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

    Object writeReplace() throws ObjectStreamException
    {
        return new PipeHandle(ctx.directory(), name, CodecRef.of(codec, "pipe " + path), 0);
    }

    @Override
    public String toString()
    {
        return (duplex ? "pipe " : "one-way pipe ") + path + " (" + codec.id() + ")";
    }
}
