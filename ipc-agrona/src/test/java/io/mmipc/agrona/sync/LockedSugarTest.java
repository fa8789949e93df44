package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.SharedInt;
import io.mmipc.SharedLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class LockedSugarTest
{
    @TempDir
    Path root;

    @Test
    void lockedIsPythonsWithLock()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("l");
            final SharedInt counter = ctx.intValue("c", 0);
            try (SharedLock.Held held = lock.locked())
            {
                assertTrue(lock.isHeldByCurrentThread());
                counter.set(counter.get() + 1);
            }
            assertFalse(lock.isLocked(), "closing the held lock unlocks it");
            assertEquals(1, counter.get());
        }
    }
}
