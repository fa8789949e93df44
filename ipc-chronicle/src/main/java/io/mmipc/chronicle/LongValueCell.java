package io.mmipc.chronicle;

import io.mmipc.internal.owner.OwnerCell;
import net.openhft.chronicle.bytes.Byteable;
import net.openhft.chronicle.core.values.LongValue;

/**
 * An owner word in a word of Chronicle's table store ({@code metadata.cq4t}), which every process
 * that opens the log maps: Chronicle's volatile read and compare-and-swap (a full fence) are what
 * {@link OwnerCell} asks for.
 */
final class LongValueCell implements OwnerCell
{
    private final LongValue value;

    LongValueCell(final LongValue value)
    {
        this.value = value;
    }

    /**
     * @return the word's offset in its file, for messages; -1 when Chronicle does not tell.
     */
    static long offsetOf(final LongValue value)
    {
        return value instanceof Byteable byteable ? byteable.offset() : -1;
    }

    @Override
    public long getVolatile()
    {
        return value.getVolatileValue();
    }

    @Override
    public boolean compareAndSet(final long expected, final long update)
    {
        return value.compareAndSwapValue(expected, update);
    }
}
