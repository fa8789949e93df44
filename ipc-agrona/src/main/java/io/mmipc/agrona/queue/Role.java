package io.mmipc.agrona.queue;

import io.mmipc.internal.owner.OwnerWord;

import static io.mmipc.internal.owner.OwnerWordDescriptor.FREE;

/**
 * A role one object holds at a time, through an {@link OwnerWord}: a one-to-one queue's producer
 * or consumer, a pipe end. Claiming takes the word when it is free, keeps it when it is already
 * this object's, takes it over (and says so) when its holder's process is dead, and refuses while
 * another live object holds it. Use between the file's enter and exit.
 */
final class Role
{
    private final OwnerWord word;
    private final long me;
    private final String refusedPrefix;
    private final String refusedSuffix;

    /**
     * @param refusedPrefix the refusal's message up to the holder ("queue q is one-to-one and its producer is ").
     * @param refusedSuffix the rest (", still alive; close it there first").
     */
    Role(final OwnerWord word, final long me, final String refusedPrefix, final String refusedSuffix)
    {
        this.word = word;
        this.me = me;
        this.refusedPrefix = refusedPrefix;
        this.refusedSuffix = refusedSuffix;
    }

    /**
     * @return true when it took the role over from a dead holder: what that one left half done
     *         must be repaired; false when the role was free or already this object's.
     * @throws IllegalStateException naming the holder when another live object holds the role.
     */
    boolean claim()
    {
        while (true)
        {
            final int result = word.acquire(me, 0);
            if (result == OwnerWord.ACQUIRED || result == OwnerWord.MINE)
            {
                return false;
            }
            if (result == OwnerWord.TAKEN_OVER)
            {
                return true;
            }
            final long holder = word.getVolatile();
            if (holder != FREE && word.isAlive(holder))
            {
                throw new IllegalStateException(refusedPrefix + word.describe(holder) + refusedSuffix);
            }
            // Lost a race for a free or dead holder's word: look again.
        }
    }

    /**
     * Frees the role if this object holds it.
     */
    void release()
    {
        word.release(me);
    }

    OwnerWord word()
    {
        return word;
    }
}
