package io.mmipc.agrona.map;

import io.mmipc.SharedStateCorruptedException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;

import java.nio.file.Path;
import java.util.BitSet;

import static io.mmipc.agrona.map.MapDescriptor.BLOCK_NEXT_OFFSET;
import static io.mmipc.agrona.map.MapDescriptor.BLOCK_PAYLOAD_OFFSET;

/**
 * Byte strings stored as chains of data blocks (the dict's block layout, {@link MapDescriptor}) in
 * one pool ({@link BlockAllocator}): written, copied, freed and marked. The shared list keeps its
 * elements here. Every ref read is range-checked: an optimistic reader that meets a bad one gets
 * {@link MapTable#TORN} and looks again; under the lock, it is a {@link SharedStateCorruptedException}.
 */
final class BlockChains
{
    /** What {@link #write} returns when the pool has too few free blocks. */
    static final int FULL = -1;

    private final AtomicBuffer body;
    private final BlockAllocator pool;
    private final int payload;
    private final Path path;
    private final Object label;

    BlockChains(final AtomicBuffer body, final BlockAllocator pool, final int blockBytes, final Path path,
        final Object label)
    {
        this.body = body;
        this.pool = pool;
        this.payload = blockBytes - BLOCK_PAYLOAD_OFFSET;
        this.path = path;
        this.label = label;
    }

    BlockAllocator pool()
    {
        return pool;
    }

    /**
     * @return the blocks {@code length} bytes take.
     */
    int blocksFor(final int length)
    {
        return (length + payload - 1) / payload;
    }

    /**
     * Copies {@code length} bytes into blocks claimed for {@code tag}.
     *
     * @return the first block's ref (0 for no bytes), or {@link #FULL} with nothing claimed.
     */
    int write(final long tag, final DirectBuffer src, final int offset, final int length)
    {
        int first = 0;
        int previousAt = -1;
        for (int done = 0; done < length; )
        {
            final int block = pool.claim(tag);
            if (block < 0)
            {
                if (first != 0)
                {
                    free(tag, first);
                }
                return FULL;
            }
            final int blockAt = pool.offset(block);
            final int n = Math.min(payload, length - done);
            body.putBytes(blockAt + BLOCK_PAYLOAD_OFFSET, src, offset + done, n);
            body.putInt(blockAt + BLOCK_NEXT_OFFSET, 0);
            if (previousAt < 0)
            {
                first = block + 1;
            }
            else
            {
                body.putInt(previousAt + BLOCK_NEXT_OFFSET, block + 1);
            }
            previousAt = blockAt;
            done += n;
        }
        return first;
    }

    /**
     * Copies a chain's {@code length} bytes into {@code into}.
     */
    void copy(final int firstRef, final int length, final MutableDirectBuffer into, final int intoOffset,
        final boolean locked)
    {
        int ref = firstRef;
        for (int done = 0; done < length; )
        {
            final int blockAt = pool.offset(checkRef(ref, locked));
            final int n = Math.min(payload, length - done);
            into.putBytes(intoOffset + done, body, blockAt + BLOCK_PAYLOAD_OFFSET, n);
            done += n;
            ref = body.getInt(blockAt + BLOCK_NEXT_OFFSET);
        }
    }

    /**
     * @return true when the chain holds exactly the bytes of {@code other} (under the lock).
     */
    boolean equalTo(final int firstRef, final int length, final DirectBuffer other, final int offset)
    {
        int ref = firstRef;
        for (int done = 0; done < length; )
        {
            final int blockAt = pool.offset(checkRef(ref, true));
            final int n = Math.min(payload, length - done);
            for (int i = 0; i < n; i++)
            {
                if (body.getByte(blockAt + BLOCK_PAYLOAD_OFFSET + i) != other.getByte(offset + done + i))
                {
                    return false;
                }
            }
            done += n;
            ref = body.getInt(blockAt + BLOCK_NEXT_OFFSET);
        }
        return true;
    }

    /**
     * Frees a chain whose every block {@code tag} owns, once nothing reachable refers to it.
     */
    void free(final long tag, final int firstRef)
    {
        int ref = firstRef;
        for (int steps = 0; ref != 0; steps++)
        {
            final int block = checkRef(ref, true);
            final long owner = pool.owner(block);
            if (owner != tag || steps >= pool.count())
            {
                throw corrupt("block " + block + " of a chain has owner tag 0x" + Long.toHexString(owner) +
                    " after " + steps + " blocks");
            }
            ref = body.getInt(pool.offset(block) + BLOCK_NEXT_OFFSET);
            pool.free(block);
        }
    }

    /**
     * Marks the blocks of a chain of {@code length} bytes, checking that {@code tag} owns each and
     * that none was marked before.
     */
    void mark(final long tag, final int firstRef, final int length, final BitSet marks)
    {
        int ref = firstRef;
        for (int done = 0; done < length; done += payload)
        {
            final int block = checkRef(ref, true);
            if (pool.owner(block) != tag || marks.get(block))
            {
                throw corrupt("block " + block + " has owner tag 0x" + Long.toHexString(pool.owner(block)) +
                    (marks.get(block) ? " and is reached twice" : ", not its element's"));
            }
            marks.set(block);
            ref = body.getInt(pool.offset(block) + BLOCK_NEXT_OFFSET);
        }
    }

    /**
     * Frees every block {@code tag} owns that {@code marks} does not hold.
     *
     * @return how many.
     */
    int freeUnmarked(final long tag, final BitSet marks)
    {
        int freed = 0;
        for (int block = 0; block < pool.count(); block++)
        {
            if (!marks.get(block) && pool.owner(block) == tag)
            {
                pool.free(block);
                freed++;
            }
        }
        return freed;
    }

    int checkRef(final int ref, final boolean locked)
    {
        final int block = ref - 1;
        if (block < 0 || block >= pool.count())
        {
            MapTable.torn(locked);
            throw corrupt("a chain holds block ref " + ref + " (the pool has " + pool.count() + " blocks)");
        }
        return block;
    }

    SharedStateCorruptedException corrupt(final String what)
    {
        return new SharedStateCorruptedException(path, label + ": " + what + "; something outside mmipc wrote to the file");
    }
}
