package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.SharedBarrier;
import io.mmipc.SharedBoolean;
import io.mmipc.SharedCondition;
import io.mmipc.SharedDouble;
import io.mmipc.SharedDoubleArray;
import io.mmipc.SharedEvent;
import io.mmipc.SharedInt;
import io.mmipc.SharedIntArray;
import io.mmipc.SharedLock;
import io.mmipc.SharedLong;
import io.mmipc.SharedLongArray;
import io.mmipc.SharedRLock;
import io.mmipc.SharedSemaphore;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every kind of shared object travels as a small handle and re-opens the same object elsewhere.
 */
@Timeout(60)
class HandleTest
{
    @TempDir
    Path root;

    @Test
    @Timeout(180)
    void aChildJvmReopensEveryKindFromItsHandle() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedInt i = ctx.intValue("i", 1);
            final SharedLong l = ctx.longValue("l", 1);
            final SharedDouble d = ctx.doubleValue("d", 1);
            final SharedBoolean b = ctx.booleanValue("b", false);
            final SharedIntArray ia = ctx.intArray("ia", 3);
            final SharedLongArray la = ctx.longArray("la", 1);
            final SharedDoubleArray da = ctx.doubleArray("da", 2);
            final SharedLock lock = ctx.lock("lock");
            final SharedRLock rlock = ctx.rlock("rlock");
            final SharedSemaphore sem = ctx.semaphore("sem", 0);
            final SharedSemaphore bounded = ctx.boundedSemaphore("bounded", 1);
            final SharedEvent event = ctx.event("event");
            final SharedCondition condition = ctx.condition("condition", rlock);
            final SharedBarrier barrier = ctx.barrier("barrier", 1);
            final String handles = SyncChild.encode(i, l, d, b, ia, la, da, lock, rlock, sem, bounded, event, condition,
                barrier, i.lock());
            assertTrue(handles.length() < 8192, "small handles: " + handles.length() + " base64 characters");

            final String out = Children.run(Duration.ofSeconds(120), SyncChild.class, "use-every-handle", handles);
            assertTrue(out.contains("barrier index 0") && out.contains("done"), out);
            assertTrue(out.contains("re-opened condition 'condition'"), out);
            assertTrue(out.contains("re-opened lock of int value 'i'"), out);
            assertEquals(2, i.get());
            assertEquals(3, l.get());
            assertEquals(1.5, d.get());
            assertTrue(b.get());
            assertArrayEquals(new int[]{0, 0, 1}, ia.toArray());
            assertEquals(1, la.get(0));
            assertEquals(0.25, da.get(1));
            assertFalse(lock.isLocked() || rlock.isLocked() || i.lock().isLocked());
            assertEquals(1, sem.availablePermits());
            assertEquals(0, bounded.availablePermits());
            assertTrue(event.isSet());
        }
    }

    @Test
    void handlesInTheSameJvmResolveToOneInstancePerObject()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedRLock rlock = ctx.rlock("r");
            final SharedCondition condition = ctx.condition("c", rlock);
            final List<Object> once = SyncChild.decode(SyncChild.encode(condition, rlock, ctx.barrier("b", 2)));
            final List<Object> twice = SyncChild.decode(SyncChild.encode(condition, rlock, ctx.barrier("b", 2)));
            assertSame(once.get(0), twice.get(0));
            assertSame(once.get(1), twice.get(1));
            assertSame(((SharedCondition)once.get(0)).lock(), once.get(1), "the condition's lock is the same object");
            assertNotSame(rlock, once.get(1), "a handle re-opens through the joined context, not the sender's");
            assertEquals(2, ((SharedBarrier)once.get(2)).parties());
        }
    }
}
