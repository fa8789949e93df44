package io.mmipc.agrona.queue;

import io.mmipc.codec.CodecRef;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.spi.Handles;
import io.mmipc.Pipe;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * What a pipe (end 0) or one of its ends (1, 2) turns into when serialized: directory, name,
 * codec. A JVM that deserializes it opens the pipe through {@link IpcContext#joined(Path)}, once
 * (an end that arrives twice is the same end); an end opens there on first use.
 */
final class PipeHandle implements Serializable
{
    private static final long serialVersionUID = 1L;

    private final String directory;
    private final String name;
    private final Serializable codec;
    private final int end;

    PipeHandle(final Path directory, final String name, final Serializable codec, final int end)
    {
        this.directory = directory.toString();
        this.name = name;
        this.codec = codec;
        this.end = end;
    }

    private Object readResolve() throws ObjectStreamException
    {
        final Pipe<?> pipe = AgronaMessaging.resolvePipe(Paths.get(directory), name, CodecRef.resolve(codec));
        return end == 1 ? pipe.end1() : end == 2 ? pipe.end2() : pipe;
    }

    @Override
    public String toString()
    {
        return "pipe handle " + directory + "/" + name + (end == 0 ? "" : " end " + end);
    }
}
