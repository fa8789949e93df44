package io.mmipc.agrona.queue;

import io.mmipc.codec.CodecRef;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.spi.Handles;
import io.mmipc.QueueOptions;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * What a queue turns into when serialized: directory, name, codec and dead-process timeout. A JVM
 * that deserializes it opens the queue through {@link IpcContext#joined(Path)}, once: later
 * handles of the same queue resolve to the same object (the idle strategy there is the default backoff).
 */
final class QueueHandle implements Serializable
{
    private static final long serialVersionUID = 1L;

    private final String directory;
    private final String name;
    private final Serializable codec;
    private final long deadProcessTimeoutMillis;

    QueueHandle(final Path directory, final String name, final Serializable codec, final long deadProcessTimeoutMillis)
    {
        this.directory = directory.toString();
        this.name = name;
        this.codec = codec;
        this.deadProcessTimeoutMillis = deadProcessTimeoutMillis;
    }

    private Object readResolve() throws ObjectStreamException
    {
        final QueueOptions options = QueueOptions.defaults()
            .deadProcessTimeout(Duration.ofMillis(Math.max(1, deadProcessTimeoutMillis)));
        return AgronaMessaging.resolveQueue(Paths.get(directory), name, CodecRef.resolve(codec), options);
    }

    @Override
    public String toString()
    {
        return "queue handle " + directory + "/" + name;
    }
}
