package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.owner.ParticipantRegistry;
import io.mmipc.SharedStateCorruptedException;
import io.mmipc.internal.owner.ProcessIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.mmipc.internal.owner.RegistryDescriptor.*;
import static org.junit.jupiter.api.Assertions.*;

@Timeout(60)
class ParticipantRegistryTest
{
    @TempDir
    Path root;

    @Test
    void contextsOfOneJvmShareOneEntryWhichTheLastLeaseFrees()
    {
        try (IpcContext ctx = IpcContext.create(root); IpcContext other = IpcContext.open(ctx.directory()))
        {
            final ParticipantRegistry first = ParticipantRegistry.lease(ctx.directory(), SharedFiles.OWNER_ONLY);
            final ParticipantRegistry second = ParticipantRegistry.lease(other.directory(), SharedFiles.OWNER_ONLY);
            assertSame(first, second);
            final int token = first.token();
            assertTrue(first.isAlive(token));
            assertEquals(ProcessHandle.current().pid(), first.pidOf(token));
            second.release();
            assertEquals(ProcessHandle.current().pid(), first.pidOf(token), "one lease is left");
            first.release();

            final ParticipantRegistry again = ParticipantRegistry.lease(ctx.directory(), SharedFiles.OWNER_ONLY);
            assertEquals(slot(token), slot(again.token()), "the freed entry is claimed again");
            assertNotEquals(token, again.token(), "with the next generation");
            assertFalse(again.isAlive(token), "the old token names nobody any more");
            assertEquals(0, again.pidOf(token));
            again.release();
        }
    }

    @Test
    void theEntryOfADeadProcessIsReclaimedAndALiveOneIsLeftAlone() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Path file = ctx.directory().resolve(ParticipantRegistry.FILE_NAME);
            ParticipantRegistry.lease(ctx.directory(), SharedFiles.OWNER_ONLY).release(); // makes the file; leaves entry 0 free
            final ProcessIdentity self = ProcessIdentity.current();
            // Entry 0: a live claimant still writing its start time (pid 1 runs on every Linux).
            Corrupt.writeLong(file, entryOffset(0) + STATE_OFFSET, state(7, 1));
            // Entry 1: this pid with another start time: an earlier process that had the same pid.
            Corrupt.writeLong(file, entryOffset(1) + START_MILLIS_OFFSET, self.startMillis() - 1000);
            Corrupt.writeLong(file, entryOffset(1) + STATE_OFFSET, state(4, self.pid()) | LIVE);

            final ParticipantRegistry registry = ParticipantRegistry.lease(ctx.directory(), SharedFiles.OWNER_ONLY);
            assertEquals(token(1, 5), registry.token());
            assertTrue(registry.isAlive(token(0, 7)));
            assertFalse(registry.isAlive(token(1, 4)));
            registry.release();
        }
    }

    @Test
    void aCorruptedEntryIsAClearException() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Path file = ctx.directory().resolve(ParticipantRegistry.FILE_NAME);
            ParticipantRegistry.lease(ctx.directory(), SharedFiles.OWNER_ONLY).release();
            Corrupt.writeLong(file, entryOffset(0) + STATE_OFFSET, -1L);
            final SharedStateCorruptedException ex = assertThrows(SharedStateCorruptedException.class,
                () -> ctx.lock("lock"));
            assertTrue(ex.getMessage().contains("registry entry 0") && ex.getMessage().contains("ffffffffffffffff"),
                ex.getMessage());
        }
    }
}
