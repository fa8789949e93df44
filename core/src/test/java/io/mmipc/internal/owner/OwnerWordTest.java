package io.mmipc.internal.owner;

import io.mmipc.SharedStateCorruptedException;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.file.SharedFiles;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import static io.mmipc.internal.owner.OwnerWordDescriptor.*;
import static io.mmipc.internal.owner.RegistryDescriptor.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The ownership algorithm on a plain buffer: claim, reentry, contention, take-over of a dead
 * holder with the died flag, release, and corrupt words. The registry is real (a file in a
 * temporary directory); dead holders are tokens whose entry was released or names a process that
 * has exited.
 */
@Timeout(30)
class OwnerWordTest
{
    /** Where the word sits in the buffer: not 0, so that the offset in messages is checked. */
    private static final int OFFSET = 64;
    /** The offset the "file" of the word is said to have it at, for messages. */
    private static final long FILE_OFFSET = 4096 + OFFSET;

    @TempDir
    Path dir;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private ParticipantRegistry registry;
    private OwnerWord word;
    private Path file;

    @BeforeEach
    void lease()
    {
        registry = ParticipantRegistry.lease(dir, SharedFiles.OWNER_ONLY);
        file = dir.resolve("the-lock");
        word = new OwnerWord(OwnerCell.of(buffer, OFFSET), registry, file, FILE_OFFSET, "lock 'the-lock'");
    }

    @AfterEach
    void release()
    {
        registry.release();
    }

    @Test
    void aFreeWordIsClaimedByOneCompareAndSetAndThenIsNoLongerFree()
    {
        final long me = word.idFor(1);
        final long other = word.idFor(2);
        assertNotEquals(FREE, me);
        assertEquals(registry.token(), token(me));
        assertEquals(1, localId(me));
        assertTrue(isWellFormed(me));

        assertTrue(word.tryAcquireFree(me));
        assertEquals(me, buffer.getLongVolatile(OFFSET));
        assertFalse(word.tryAcquireFree(other), "only from free");
        assertFalse(word.tryAcquireFree(me), "not even by its holder: the fast path is for a free word");
        assertEquals(me, word.getVolatile());
    }

    @Test
    void acquireTellsFreeMineAndBusyApart()
    {
        final long me = word.idFor(1);
        final long other = word.idFor(2);
        assertEquals(OwnerWord.ACQUIRED, word.acquire(me, 0));
        assertEquals(OwnerWord.MINE, word.acquire(me, 0));
        assertEquals(OwnerWord.BUSY, word.acquire(other, 0), "a live holder of this process keeps the word");
        assertEquals(me, word.getVolatile());
        assertTrue(word.isAlive(me));
        assertTrue(word.isThisProcess(me));
        assertEquals(ProcessHandle.current().pid(), word.pidOf(me));
        assertTrue(word.describe(me).contains("of this process"), word.describe(me));
    }

    @Test
    void theWordOfAProcessThatLeftTheRegistryIsTakenOverWithTheDiedFlag()
    {
        final int dead = leftToken();
        final long deadHolder = ownerId(dead, 7);
        buffer.putLongVolatile(OFFSET, deadHolder);
        assertFalse(word.isAlive(deadHolder));
        assertEquals(0, word.pidOf(deadHolder));
        assertEquals("a process that has ended", word.describe(deadHolder));

        final long me = word.idFor(1);
        assertEquals(OwnerWord.TAKEN_OVER, word.acquire(me, 0));
        final long now = word.getVolatile();
        assertEquals(me | DIED, now);
        assertTrue(died(now));
        assertEquals(me, owner(now));
        assertEquals(OwnerWord.MINE, word.acquire(me, 0), "the died flag does not hide the holder from itself");
        assertEquals(OwnerWord.BUSY, word.acquire(word.idFor(2), 0));

        assertTrue(word.release(me));
        assertEquals(FREE, word.getVolatile(), "release clears the died flag with the holder");
        assertEquals(OwnerWord.ACQUIRED, word.acquire(me, 0));
        assertFalse(died(word.getVolatile()), "an ordinary acquisition is not told again");
    }

    @Test
    void theWordOfAnExitedProcessIsTakenOverAndALiveProcessKeepsItsWord() throws Exception
    {
        final Process exited = new ProcessBuilder("true").start();
        assertTrue(exited.waitFor(20, TimeUnit.SECONDS));
        // Entry 5 names the exited process (its start time as recorded before it ended: unknown now).
        writeEntry(5, state(3, exited.pid()) | LIVE, 1L);
        // Entry 6 names pid 1, which runs on every Linux, judged by its pid alone (no start time yet).
        writeEntry(6, state(2, 1), 0L);

        final long me = word.idFor(1);
        final long live = ownerId(token(6, 2), 9);
        buffer.putLongVolatile(OFFSET, live);
        assertTrue(word.isAlive(live));
        assertEquals(1, word.pidOf(live));
        assertEquals("pid 1 (local holder 9)", word.describe(live));
        assertEquals(OwnerWord.BUSY, word.acquire(me, 0), "a live holder of another process keeps the word");
        assertEquals(live, word.getVolatile());

        final long gone = ownerId(token(5, 3), 9);
        buffer.putLongVolatile(OFFSET, gone);
        assertFalse(word.isAlive(gone));
        assertEquals(exited.pid(), word.pidOf(gone), "the entry still names it");
        assertEquals(OwnerWord.TAKEN_OVER, word.acquire(me, 0));
        assertEquals(me | DIED, word.getVolatile());
    }

    @Test
    void aHolderIsSuspectedOnlyAfterItsWordStayedTheSameForTheSuspicionTime() throws Exception
    {
        final long deadHolder = ownerId(leftToken(), 7);
        buffer.putLongVolatile(OFFSET, deadHolder);
        final long me = word.idFor(1);
        for (int i = 0; i < 100; i++)
        {
            assertEquals(OwnerWord.BUSY, word.acquire(me, TimeUnit.HOURS.toNanos(1)),
                "not checked before the suspicion time");
        }
        assertEquals(deadHolder, word.getVolatile());

        final long suspicion = TimeUnit.MILLISECONDS.toNanos(5);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int result;
        int looks = 0;
        while ((result = word.acquire(me, suspicion)) == OwnerWord.BUSY)
        {
            looks++;
            assertTrue(System.nanoTime() < deadline, "not taken over after " + looks + " looks");
            Thread.onSpinWait();
        }
        assertEquals(OwnerWord.TAKEN_OVER, result);
        assertTrue(looks > 0, "the first look only starts the suspicion");
        assertEquals(me | DIED, word.getVolatile());
    }

    @Test
    void onlyTheHolderReleases()
    {
        final long me = word.idFor(1);
        final long other = word.idFor(2);
        assertFalse(word.release(me), "a free word has no holder to release it");
        assertEquals(OwnerWord.ACQUIRED, word.acquire(me, 0));
        assertFalse(word.release(other), "a non-holder is refused");
        assertFalse(word.release(ownerId(leftToken(), 1)), "so is a holder of another process");
        assertEquals(me, word.getVolatile());
        assertTrue(word.release(me));
        assertEquals(FREE, word.getVolatile());
        assertFalse(word.release(me), "released once");
    }

    @Test
    void aWordMmipcDoesNotWriteIsACorruptionNamingFileAndOffset()
    {
        final long me = word.idFor(1);
        final long badCheckBits = me ^ (1L << 60);
        final long badToken = ownerId(0, 5); // right check bits, but generation 0 is never issued
        for (final long garbage : new long[]{0xDEAD_BEEF_DEAD_BEEFL, 1L, -1L, badCheckBits, badToken})
        {
            assertFalse(isWellFormed(garbage), Long.toHexString(garbage));
            buffer.putLongVolatile(OFFSET, garbage);
            final SharedStateCorruptedException ex = assertThrows(SharedStateCorruptedException.class,
                () -> word.acquire(me, 0));
            assertEquals(file, ex.path());
            assertEquals(FILE_OFFSET, ex.offset());
            assertTrue(ex.getMessage().contains(file.toString()) && ex.getMessage().contains("offset " + FILE_OFFSET) &&
                ex.getMessage().contains(Long.toHexString(garbage)) && ex.getMessage().contains("lock 'the-lock'"),
                ex.getMessage());
            assertThrows(SharedStateCorruptedException.class, () -> word.checkWellFormed(garbage));
            assertEquals(garbage, word.getVolatile(), "left as found: never waited on, never taken over");
        }
        word.checkWellFormed(FREE);
        word.checkWellFormed(me);
        word.checkWellFormed(me | DIED);
    }

    @Test
    void aCellMustBeAnAlignedWordOfItsBuffer()
    {
        assertThrows(IllegalArgumentException.class, () -> OwnerCell.of(buffer, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> OwnerCell.of(buffer, 256));
    }

    /**
     * @return the token of a process that took part and left: its entry is as a release leaves it
     *         (same generation, no pid).
     */
    private int leftToken()
    {
        try
        {
            writeEntry(3, state(2, 0), 0L);
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
        return token(3, 2);
    }

    /**
     * Writes a registry entry through the file, as another process would.
     */
    private void writeEntry(final int slot, final long state, final long startMillis) throws IOException
    {
        assertNotEquals(slot(registry.token()), slot, "not this JVM's own entry");
        final long at = SharedFileDescriptor.HEADER_LENGTH + entryOffset(slot);
        try (FileChannel channel = FileChannel.open(registry.path(), StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder()).putLong(0, startMillis),
                at + START_MILLIS_OFFSET);
            channel.write(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder()).putLong(0, state),
                at + STATE_OFFSET);
        }
    }
}
