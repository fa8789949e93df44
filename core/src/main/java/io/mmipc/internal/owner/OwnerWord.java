package io.mmipc.internal.owner;

import io.mmipc.SharedStateCorruptedException;
import io.mmipc.internal.jfr.MmipcEvents;

import java.nio.file.Path;
import java.util.Objects;

import static io.mmipc.internal.owner.OwnerWordDescriptor.*;

/**
 * The one ownership algorithm of mmipc: claim a shared word with one compare-and-set; when it is
 * held, suspect the holder once its word has not changed for a while, check that the holder's
 * process lives ({@link ParticipantRegistry#isAlive}, which reads {@link ProcessIdentity}) and,
 * when it does not, take the word over with the died flag set, so the new holder is told
 * ({@code EOWNERDEAD}) and can repair what the dead one left. Locks, rlocks, dict stripes, the
 * many-to-many queue's consumer turn, one-to-one roles, pipe ends and named tailers all use it.
 * <p>
 * Layout of the word: {@link OwnerWordDescriptor}. Callers keep the mapping alive around each
 * call (their file's enter/exit). The suspicion state is per instance, shared by this JVM's
 * threads in a benign race: at worst a liveness check runs early or late by one interval.
 */
public final class OwnerWord
{
    /** Held by someone else, alive or not yet suspected. */
    public static final int BUSY = 0;
    /** Was free: now the caller's. */
    public static final int ACQUIRED = 1;
    /** Already the caller's (with or without the died flag). */
    public static final int MINE = 2;
    /** Its holder was dead: now the caller's, with the died flag set. */
    public static final int TAKEN_OVER = 3;

    private final OwnerCell cell;
    private final ParticipantRegistry registry;
    private final Path file;
    private final long fileOffset;
    private final Object what;
    private volatile long suspect;
    private volatile long lastTakenFrom;
    private volatile long suspectSince;

    /**
     * @param cell       where the word lives.
     * @param registry   the directory's participants; tokens in the word resolve there.
     * @param file       the file holding the word, for messages.
     * @param fileOffset the word's offset from the start of {@code file}, for messages.
     * @param what       what the word guards, for messages (its {@code toString}).
     */
    public OwnerWord(final OwnerCell cell, final ParticipantRegistry registry, final Path file, final long fileOffset,
        final Object what)
    {
        this.cell = Objects.requireNonNull(cell, "cell");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.file = file;
        this.fileOffset = fileOffset;
        this.what = what;
    }

    /**
     * @return the id this process writes for its holder {@code localId} (a thread id, an object number).
     */
    public long idFor(final long localId)
    {
        return ownerId(registry.token(), localId);
    }

    /**
     * @return the word as it is now (volatile read).
     */
    public long getVolatile()
    {
        return cell.getVolatile();
    }

    /**
     * The fast path: one compare-and-set from free.
     */
    public boolean tryAcquireFree(final long me)
    {
        return cell.compareAndSet(FREE, me);
    }

    /**
     * One look: take the word when free; report it as {@link #MINE}; take it over when its holder
     * has held it unchanged for {@code suspectNanos} (0: at once) and its process is found dead.
     *
     * @return {@link #ACQUIRED}, {@link #MINE}, {@link #TAKEN_OVER} or {@link #BUSY}.
     * @throws SharedStateCorruptedException when the word is not one mmipc writes.
     */
    public int acquire(final long me, final long suspectNanos)
    {
        final long word = cell.getVolatile();
        if (word == FREE)
        {
            return cell.compareAndSet(FREE, me) ? ACQUIRED : BUSY;
        }
        if (owner(word) == me)
        {
            return MINE;
        }
        checkWellFormed(word);
        if (holderGone(word, suspectNanos) && cell.compareAndSet(word, me | DIED))
        {
            lastTakenFrom = word;
            MmipcEvents.ownerTakenOver(this, word);
            return TAKEN_OVER;
        }
        return BUSY;
    }

    /**
     * Frees the word if {@code me} holds it (with or without the died flag).
     *
     * @return false when {@code me} does not hold it.
     */
    public boolean release(final long me)
    {
        final long word = cell.getVolatile();
        return owner(word) == me && cell.compareAndSet(word, FREE);
    }

    /**
     * @return true when the holder named by {@code word} runs; false for a free word.
     */
    public boolean isAlive(final long word)
    {
        return word != FREE && registry.isAlive(token(word));
    }

    /**
     * @return the holder's pid while it holds its registry entry, else 0.
     */
    public long pidOf(final long word)
    {
        return word == FREE ? 0 : registry.pidOf(token(word));
    }

    /**
     * @return true when {@code word} names a holder in this process.
     */
    public boolean isThisProcess(final long word)
    {
        return word != FREE && token(word) == registry.token();
    }

    /**
     * @return who held {@code word} as far as the registry still knows: pid 0 once the holder's
     *         entry was reused, {@link ProcessIdentity#UNKNOWN_START} when its start is not recorded.
     */
    public ProcessIdentity holderIdentity(final long word)
    {
        if (word == FREE)
        {
            return new ProcessIdentity(0, ProcessIdentity.UNKNOWN_START);
        }
        final long pid = pidOf(word);
        return new ProcessIdentity(pid, pid == 0 ? ProcessIdentity.UNKNOWN_START : registry.startMillisOf(token(word)));
    }

    /**
     * @return the word this instance last took over (its dead holder's id), {@code FREE} when none.
     */
    public long lastTakenFrom()
    {
        return lastTakenFrom;
    }

    public Path file()
    {
        return file;
    }

    public long fileOffset()
    {
        return fileOffset;
    }

    /**
     * @return what the word guards, as given at construction.
     */
    public Object what()
    {
        return what;
    }

    public ParticipantRegistry registry()
    {
        return registry;
    }

    /**
     * @throws SharedStateCorruptedException naming the file, offset and value when {@code word}
     *         is neither free nor one mmipc writes.
     */
    public void checkWellFormed(final long word)
    {
        if (word != FREE && !isWellFormed(word))
        {
            throw new SharedStateCorruptedException(file, fileOffset, what + ": the owner word holds 0x" +
                Long.toHexString(word) + ", which is not an owner id mmipc writes (bad check bits or participant " +
                "token); something outside mmipc wrote to the file");
        }
    }

    /**
     * @return who holds it, for messages: "free", "thread 12 of this process", "pid 4711 (local 3)".
     */
    public String describe(final long word)
    {
        if (word == FREE)
        {
            return "free";
        }
        if (isThisProcess(word))
        {
            return "local holder " + localId(word) + " of this process";
        }
        final long pid = pidOf(word);
        return pid == 0 ? "a process that has ended" : "pid " + pid + " (local holder " + localId(word) + ")";
    }

    /**
     * @return true when {@code word} has named its holder for {@code suspectNanos} and the holder's process is gone.
     */
    private boolean holderGone(final long word, final long suspectNanos)
    {
        if (suspectNanos <= 0)
        {
            return !registry.isAlive(token(word));
        }
        final long now = System.nanoTime();
        if (word != suspect)
        {
            suspectSince = now;
            suspect = word;
            return false;
        }
        if (now - suspectSince < suspectNanos)
        {
            return false;
        }
        suspectSince = now;
        return !registry.isAlive(token(word));
    }

    @Override
    public String toString()
    {
        return "owner word of " + what + " at " + file + "+" + fileOffset;
    }
}
