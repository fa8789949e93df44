package io.mmipc.agrona.topic;

import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.owner.OwnerCell;
import io.mmipc.internal.owner.OwnerWord;
import io.mmipc.internal.owner.ParticipantRegistry;

import static io.mmipc.agrona.topic.TopicDescriptor.*;

/**
 * Who holds the publisher and subscriber slots of one topic, through the ownership core: a slot
 * is claimed with one CAS of its {@link OwnerWord} (owner id: registry token and object number),
 * a dead holder's slot is taken over by the next claimant, and BLOCK publishers free the slot of
 * a subscriber that holds them back once its word has stood still for the dead-process timeout
 * and its process is found dead. Use only between the file's {@code enter()} and {@code exit()}.
 */
final class TopicMembers
{
    private final TopicRing ring;
    private final long me;
    private final OwnerWord[] publisherWords;
    private final OwnerWord[] subscriberWords;

    /**
     * @param me the owner id this topic object writes into the slots it holds.
     */
    TopicMembers(final TopicRing ring, final ParticipantRegistry registry, final long me)
    {
        this.ring = ring;
        this.me = me;
        this.publisherWords = new OwnerWord[ring.publishers()];
        this.subscriberWords = new OwnerWord[ring.subscribers()];
        for (int i = 0; i < publisherWords.length; i++)
        {
            publisherWords[i] = word(registry, ring.publisherSlot(i), "publisher slot " + i);
        }
        for (int i = 0; i < subscriberWords.length; i++)
        {
            subscriberWords[i] = word(registry, ring.subscriberSlot(i), "subscriber slot " + i);
        }
    }

    private OwnerWord word(final ParticipantRegistry registry, final int slot, final String what)
    {
        return new OwnerWord(OwnerCell.of(ring.body(), slot + HOLDER_OFFSET), registry, ring.path(),
            SharedFileDescriptor.HEADER_LENGTH + slot + HOLDER_OFFSET, what + " of " + ring);
    }

    /**
     * Claims a publisher slot: a free one, else one whose holder died. A taken-over slot's open
     * claim is abandoned (done := begun), so subscribers waiting for it pass it once it times out.
     *
     * @return the slot's index.
     * @throws IllegalStateException when live publishers hold every slot.
     */
    int claimPublisher()
    {
        final int index = claim(publisherWords, "publisher");
        final int slot = ring.publisherSlot(index);
        ring.body().putLongRelease(slot + DONE_OFFSET, ring.body().getLongVolatile(slot + BEGUN_OFFSET));
        return index;
    }

    /**
     * Claims a subscriber slot: a free one, else one whose holder died. The caller stores its
     * starting position next.
     *
     * @return the slot's index.
     * @throws IllegalStateException when live subscribers hold every slot.
     */
    int claimSubscriber()
    {
        return claim(subscriberWords, "subscriber");
    }

    void releasePublisher(final int index)
    {
        publisherWords[index].release(me);
    }

    void releaseSubscriber(final int index)
    {
        subscriberWords[index].release(me);
    }

    /**
     * @return true when publisher slot {@code index} has a holder whose process lives.
     */
    boolean publisherAlive(final int index)
    {
        final OwnerWord word = publisherWords[index];
        final long holder = word.getVolatile();
        word.checkWellFormed(holder);
        return holder != 0 && word.isAlive(holder);
    }

    /**
     * BLOCK publishers, while held back: frees the slot of every subscriber at or behind
     * {@code governing} whose word has stood still for {@code suspectNanos} and whose process is dead.
     *
     * @return how many slots it freed.
     */
    int freeDeadSubscribers(final long governing, final long suspectNanos)
    {
        int freed = 0;
        for (int i = 0; i < subscriberWords.length; i++)
        {
            if (ring.subscriberHeld(i) && ring.subscriberPositionVolatile(i) <= governing &&
                subscriberWords[i].acquire(me, suspectNanos) == OwnerWord.TAKEN_OVER)
            {
                subscriberWords[i].release(me);
                freed++;
            }
        }
        return freed;
    }

    private int claim(final OwnerWord[] words, final String what)
    {
        for (final OwnerWord word : words)
        {
            word.checkWellFormed(word.getVolatile());
        }
        for (int i = 0; i < words.length; i++)
        {
            if (words[i].tryAcquireFree(me))
            {
                return i;
            }
        }
        for (int i = 0; i < words.length; i++)
        {
            if (words[i].acquire(me, 0) == OwnerWord.TAKEN_OVER)
            {
                return i;
            }
        }
        throw new IllegalStateException(ring + ": all " + words.length + " " + what + " slots are held by live " +
            what + "s (raise max" + Character.toUpperCase(what.charAt(0)) + what.substring(1) + "s when creating it)");
    }
}
