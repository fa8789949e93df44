package io.mmipc.agrona.queue;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * A plain {@link UnsafeBuffer} over real memory that also writes down, in order, every store the
 * code under test makes through it ("ring putIntRelease 64=16"), so a test can check which store
 * is published before which. It changes nothing about what the stores do.
 */
final class RecordingBuffer extends UnsafeBuffer
{
    private final String name;
    private final List<String> log;

    RecordingBuffer(final DirectBuffer memory, final int offset, final int length, final String name,
        final List<String> log)
    {
        super(memory, offset, length);
        this.name = name;
        this.log = log;
    }

    private void record(final String store, final int index, final long value)
    {
        if (log != null) // null while the superclass constructor runs
        {
            log.add(name + " " + store + " " + index + "=" + value);
        }
    }

    @Override
    public void putInt(final int index, final int value)
    {
        record("putInt", index, value);
        super.putInt(index, value);
    }

    @Override
    public void putIntRelease(final int index, final int value)
    {
        record("putIntRelease", index, value);
        super.putIntRelease(index, value);
    }

    @Override
    public void putLong(final int index, final long value)
    {
        record("putLong", index, value);
        super.putLong(index, value);
    }

    @Override
    public void putLongRelease(final int index, final long value)
    {
        record("putLongRelease", index, value);
        super.putLongRelease(index, value);
    }

    @Override
    public long getAndAddLong(final int index, final long delta)
    {
        record("getAndAddLong", index, delta);
        return super.getAndAddLong(index, delta);
    }

    @Override
    public void setMemory(final int index, final int length, final byte value)
    {
        record("setMemory", index, length);
        super.setMemory(index, length, value);
    }
}
