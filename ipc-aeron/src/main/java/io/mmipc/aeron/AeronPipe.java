package io.mmipc.aeron;

import io.mmipc.Pipe;
import io.mmipc.PipeEnd;
import io.mmipc.PipeOptions;
import io.mmipc.codec.Codec;
import io.mmipc.codec.CodecRef;
import io.mmipc.internal.spi.Handle;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * A {@link Pipe} between nodes: a pair of Aeron streams. End 1 lives on the pipe's home node
 * (where it was created) and accepts one end 2 at a time from any node; end 2 connects to it.
 * End-of-stream comes when the other end closes (a CLOSE frame, after everything it sent) or
 * when its node falls silent for the peer timeout ({@link io.mmipc.NetworkOptions#peerTimeout}).
 */
final class AeronPipe<T> implements Pipe<T>, Serializable
{
    private static final long serialVersionUID = 1L;

    private final transient AeronNode node;
    private final transient Path directory;
    private final String name;
    private final transient Codec<T> codec;
    private final transient PipeOptions options;
    private final transient NetEndpoint home;
    private final transient AeronPipeEnd<T> end1;
    private final transient AeronPipeEnd<T> end2;

    AeronPipe(final AeronNode node, final Path directory, final String name, final Codec<T> codec,
        final PipeOptions options)
    {
        this.node = node;
        this.directory = directory;
        this.name = name;
        this.codec = codec;
        this.options = options;
        this.home = node.isHome() ? new NetEndpoint(node, true, name, StreamIds.PIPE, codec.id(), 2, 1,
            options.maxMessageLength()) : null;
        this.end1 = new AeronPipeEnd<>(this, 1);
        this.end2 = new AeronPipeEnd<>(this, 2);
    }

    NetEndpoint endpointFor(final int number)
    {
        if (number == 1)
        {
            if (home == null)
            {
                throw new IllegalStateException("end 1 of network pipe " + name + " lives on its home node " +
                    node.homeHost() + ":" + node.homePort() + "; use end 2 here");
            }
            return home;
        }
        return new NetEndpoint(node, false, name, StreamIds.PIPE, codec.id(), 2, 1, options.maxMessageLength());
    }

    AeronNode node()
    {
        return node;
    }

    Codec<T> codec()
    {
        return codec;
    }

    PipeOptions options()
    {
        return options;
    }

    void closeHome()
    {
        if (home != null)
        {
            home.close();
        }
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public Path path()
    {
        return directory.resolve(name);
    }

    @Override
    public boolean isDuplex()
    {
        return options.duplex();
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

    Handle handle(final String kind, final int param) throws ObjectStreamException
    {
        return new Handle(AeronMessaging.TRANSPORT, directory.toString(), name, kind, param,
            CodecRef.of(codec, this), AeronMessaging.ref(node, options.maxMessageLength(), options.duplex()));
    }

    Object writeReplace() throws ObjectStreamException
    {
        return handle(AeronMessaging.PIPE_KIND, 0);
    }

    @Override
    public String toString()
    {
        return "network pipe " + name + " (home " + node.homeHost() + ":" + node.homePort() + ")";
    }
}
