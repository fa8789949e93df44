package io.mmipc.internal.owner;

import org.agrona.concurrent.AtomicBuffer;

/**
 * Where an owner word lives: a 64-bit slot of a mapped file that every process maps. Agrona's
 * buffers and Chronicle's table store provide one each.
 */
public interface OwnerCell
{
    long getVolatile();

    /**
     * A full fence: what the winner wrote before is visible to whoever sees the new value.
     */
    boolean compareAndSet(long expected, long update);

    /**
     * @return a cell over the 8-byte aligned {@code offset} of {@code buffer}.
     */
    static OwnerCell of(final AtomicBuffer buffer, final int offset)
    {
        buffer.boundsCheck(offset, Long.BYTES);
        if ((offset & (Long.BYTES - 1)) != 0)
        {
            throw new IllegalArgumentException("owner word offset " + offset + " is not 8-byte aligned");
        }
        return new BufferCell(buffer, offset);
    }

    /**
     * A word of an Agrona buffer.
     */
    final class BufferCell implements OwnerCell
    {
        private final AtomicBuffer buffer;
        private final int offset;

        BufferCell(final AtomicBuffer buffer, final int offset)
        {
            this.buffer = buffer;
            this.offset = offset;
        }

        @Override
        public long getVolatile()
        {
            return buffer.getLongVolatile(offset);
        }

        @Override
        public boolean compareAndSet(final long expected, final long update)
        {
            return buffer.compareAndSetLong(offset, expected, update);
        }
    }
}
