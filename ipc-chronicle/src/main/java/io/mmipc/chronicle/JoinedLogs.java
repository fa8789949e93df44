package io.mmipc.chronicle;

import io.mmipc.DurableLog;
import io.mmipc.DurableLogConfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The logs this JVM opened because a handle arrived from another process: one per directory,
 * open until the JVM ends or the log is closed.
 */
final class JoinedLogs
{
    private static final Map<Path, ChronicleDurableLog> LOGS = new HashMap<>();

    private JoinedLogs()
    {
    }

    static synchronized DurableLog get(final DurableLogConfig config)
    {
        ChronicleDurableLog log = LOGS.get(config.directory());
        if (log == null || log.isClosed())
        {
            ChronicleSetup.prepare();
            log = ChronicleDurableLog.open(config);
            LOGS.put(config.directory(), log);
        }
        return log;
    }

    static synchronized void forget(final ChronicleDurableLog log)
    {
        LOGS.remove(log.directory(), log);
    }
}
