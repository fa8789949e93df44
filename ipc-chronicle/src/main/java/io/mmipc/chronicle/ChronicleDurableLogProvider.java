package io.mmipc.chronicle;

import io.mmipc.DurableLog;
import io.mmipc.DurableLogConfig;
import io.mmipc.internal.spi.DurableLogProvider;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;

import java.util.function.Supplier;

/**
 * Opens durable logs on Chronicle Queue, and re-opens the ones that arrive as handles
 * ({@link LogHandles}). {@link java.util.ServiceLoader} instantiates this class only when a log
 * is first opened or a log handle first read; its static initialiser prepares Chronicle's settings
 * before anything of Chronicle loads, since this class itself names no Chronicle type.
 */
public final class ChronicleDurableLogProvider implements DurableLogProvider
{
    static
    {
        ChronicleSetup.prepare();
    }

    @Override
    public String transport()
    {
        return LogHandles.TRANSPORT;
    }

    @Override
    public DurableLog open(final DurableLogConfig config)
    {
        return ChronicleDurableLog.open(config);
    }

    @Override
    public boolean reopens(final String kind)
    {
        return LogHandles.KIND.equals(kind);
    }

    @Override
    public Object reopen(final Handle handle, final Supplier<TransportContext> context)
    {
        return new JoinedLog(LogHandles.config(handle));
    }
}
