package io.mmipc.chronicle;

import io.mmipc.DurableLog;
import io.mmipc.DurableLogConfig;
import io.mmipc.internal.spi.DurableLogProvider;

/**
 * Opens durable logs on Chronicle Queue. {@link java.util.ServiceLoader} instantiates this class
 * only when a log is first opened; its static initialiser prepares Chronicle's settings before
 * anything of Chronicle loads, since this class itself names no Chronicle type.
 */
public final class ChronicleDurableLogProvider implements DurableLogProvider
{
    static
    {
        ChronicleSetup.prepare();
    }

    @Override
    public DurableLog open(final DurableLogConfig config)
    {
        return ChronicleDurableLog.open(config);
    }
}
