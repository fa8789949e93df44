package io.mmipc.chronicle;

import io.mmipc.DurableLog;
import io.mmipc.DurableLogConfig;
import io.mmipc.LogAppender;
import io.mmipc.LogTailer;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * A log this JVM received as a handle ({@link LogHandles}). Reading a handle creates nothing:
 * the log is opened on first use, and checked then: the directory must still hold the log, with
 * the parameters the handle names. {@link io.mmipc.internal.spi.Handles} keeps one per handle.
 */
final class JoinedLog implements DurableLog, Serializable
{
    private static final long serialVersionUID = 1L;

    private final transient DurableLogConfig config;
    private transient volatile ChronicleDurableLog log;
    private transient volatile boolean closed;

    JoinedLog(final DurableLogConfig config)
    {
        this.config = config;
    }

    private ChronicleDurableLog log()
    {
        final ChronicleDurableLog opened = log;
        return opened != null && !closed ? opened : open();
    }

    private synchronized ChronicleDurableLog open()
    {
        if (closed)
        {
            throw new IllegalStateException(this + " is closed");
        }
        if (log == null)
        {
            log = ChronicleDurableLog.openExisting(config);
        }
        return log;
    }

    @Override
    public Path directory()
    {
        return config.directory();
    }

    @Override
    public DurableLogConfig config()
    {
        return config;
    }

    @Override
    public LogAppender appender()
    {
        return log().appender();
    }

    @Override
    public LogTailer tailer()
    {
        return log().tailer();
    }

    @Override
    public LogTailer tailer(final String name)
    {
        return log().tailer(name);
    }

    @Override
    public boolean removeTailer(final String name)
    {
        return log().removeTailer(name);
    }

    @Override
    public long firstIndex()
    {
        return log().firstIndex();
    }

    @Override
    public long lastIndex()
    {
        return log().lastIndex();
    }

    @Override
    public int applyRetention()
    {
        return log().applyRetention();
    }

    @Override
    public boolean isClosed()
    {
        return closed;
    }

    @Override
    public synchronized void close()
    {
        closed = true;
        if (log != null)
        {
            log.close();
        }
    }

    @Override
    public String toString()
    {
        return "DurableLog(" + config.directory() + ")";
    }

    private Object writeReplace()
    {
        return LogHandles.handle(config);
    }
}
