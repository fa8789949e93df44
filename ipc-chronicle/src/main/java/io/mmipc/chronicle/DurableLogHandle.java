package io.mmipc.chronicle;

import io.mmipc.DurableLogConfig;
import io.mmipc.LogRetention;
import io.mmipc.LogRollCycle;

import java.io.Serializable;
import java.nio.file.Paths;

/**
 * What a {@link ChronicleDurableLog} is serialized as: its directory and parameters. Deserialized
 * in another JVM, it re-opens the log there once per JVM ({@link JoinedLogs}). The idle strategy
 * and clock are not carried: the receiving JVM uses the defaults.
 */
final class DurableLogHandle implements Serializable
{
    private static final long serialVersionUID = 1L;

    private final String directory;
    private final LogRollCycle rollCycle;
    private final int maxMessageLength;
    private final LogRetention retention;
    private final boolean syncEveryAppend;

    DurableLogHandle(final DurableLogConfig config)
    {
        directory = config.directory().toString();
        rollCycle = config.rollCycle();
        maxMessageLength = config.maxMessageLength();
        retention = config.retention();
        syncEveryAppend = config.syncEveryAppend();
    }

    private Object readResolve()
    {
        return JoinedLogs.get(DurableLogConfig.builder(Paths.get(directory))
            .rollCycle(rollCycle)
            .maxMessageLength(maxMessageLength)
            .retention(retention)
            .syncEveryAppend(syncEveryAppend)
            .build());
    }
}
