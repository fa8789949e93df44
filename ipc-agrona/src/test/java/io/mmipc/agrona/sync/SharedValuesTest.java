package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.SharedBoolean;
import io.mmipc.SharedDouble;
import io.mmipc.SharedInt;
import io.mmipc.SharedLong;
import io.mmipc.SharedRLock;
import io.mmipc.codec.Codec;
import io.mmipc.codec.Codecs;
import io.mmipc.SharedFileException;
import io.mmipc.SharedObjectMismatchException;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(60)
class SharedValuesTest
{
    @TempDir
    Path root;

    @Test
    void intValueSpeaksTheAtomicIntegerVocabulary()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedInt v = ctx.intValue("counter", 5);
            assertEquals(5, v.get());
            assertEquals(6, v.incrementAndGet());
            assertEquals(6, v.getAndIncrement());
            assertEquals(7, v.getAndDecrement());
            assertEquals(5, v.decrementAndGet());
            assertEquals(5, v.getAndAdd(10));
            assertEquals(20, v.addAndGet(5));
            assertTrue(v.compareAndSet(20, 21));
            assertFalse(v.compareAndSet(20, 22));
            assertEquals(21, v.getAndSet(1));
            assertEquals(3, v.updateAndGet(x -> x * 3));
            assertEquals(3, v.getAndUpdate(x -> x + 1));
            assertEquals(8, v.accumulateAndGet(2, (x, y) -> x * y));
            assertEquals(8, v.getAndAccumulate(1, Integer::sum));
            v.setRelease(42);
            assertEquals(42, v.getAcquire());
            v.lazySet(-1);
            assertEquals(-1, v.get());
            v.set(Integer.MAX_VALUE);
            assertEquals(Integer.MIN_VALUE, v.incrementAndGet(), "wraps like an int");
        }
    }

    @Test
    void longValueSpeaksTheAtomicLongVocabulary()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLong v = ctx.longValue("big", 1L << 40);
            assertEquals(1L << 40, v.get());
            assertEquals((1L << 40) + 1, v.incrementAndGet());
            assertEquals((1L << 40) + 1, v.getAndAdd(-1));
            assertEquals(1L << 40, v.get());
            assertTrue(v.compareAndSet(1L << 40, Long.MAX_VALUE));
            assertEquals(Long.MIN_VALUE, v.incrementAndGet());
            assertEquals(7, v.updateAndGet(x -> 7));
            assertEquals(7, v.getAndAccumulate(3, Math::max));
            assertEquals(10, v.accumulateAndGet(3, Long::sum));
            assertEquals(10, v.getAndSet(0));
            assertEquals(-1, v.decrementAndGet());
        }
    }

    @Test
    void doubleValueComparesBitPatterns()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedDouble v = ctx.doubleValue("d", 1.5);
            assertEquals(1.5, v.get());
            assertEquals(4.0, v.addAndGet(2.5));
            assertEquals(4.0, v.getAndAdd(-1));
            assertEquals(3.0, v.getAndSet(0.0));
            assertFalse(v.compareAndSet(-0.0, 1.0), "0.0 and -0.0 differ in their bits");
            assertTrue(v.compareAndSet(0.0, Double.NaN));
            assertTrue(v.compareAndSet(Double.NaN, 2.0), "the same NaN matches");
            assertEquals(4.0, v.updateAndGet(x -> x * x));
            assertEquals(4.0, v.getAndAccumulate(3.0, Math::min));
            assertEquals(3.0, v.get());
            v.setRelease(0.25);
            assertEquals(0.25, v.getAcquire());
        }
    }

    @Test
    void booleanValueReadsAnyNonZeroWordAsTrue() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedBoolean flag = ctx.booleanValue("flag", true);
            assertTrue(flag.get());
            assertTrue(flag.getAndSet(false));
            assertTrue(flag.compareAndSet(false, true));
            assertFalse(flag.compareAndSet(false, true));
            // Another writer left 7 in the word: it reads as true, and compares as true.
            Corrupt.writeInt(flag.path(), ValueDescriptor.VALUE_OFFSET, 7);
            assertTrue(flag.get());
            assertTrue(flag.compareAndSet(true, false));
            assertFalse(flag.get());
        }
    }

    @Test
    void theInitialValueAppliesOnlyToTheCreator()
    {
        try (IpcContext ctx = IpcContext.create(root); IpcContext other = IpcContext.open(ctx.directory()))
        {
            final SharedLong created = ctx.longValue("v", 10);
            created.addAndGet(5);
            final SharedLong opened = other.longValue("v", 99);
            assertEquals(15, opened.get());
            opened.incrementAndGet();
            assertEquals(16, created.get(), "both map the same memory");
        }
    }

    @Test
    void reopeningAValueAsAnotherTypeIsAClearError()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            ctx.intValue("counter", 0);
            final SharedObjectMismatchException ex =
                assertThrows(SharedObjectMismatchException.class, () -> ctx.longValue("counter", 0));
            final SharedFileException cause = assertInstanceOf(SharedFileException.class, ex.getCause());
            assertEquals(SharedFileException.Reason.PARAMETERS_DIFFER, cause.reason());
            assertTrue(ex.getMessage().contains("counter") && ex.getMessage().contains("\"int32\" in the file") &&
                ex.getMessage().contains("\"int64\" requested"), ex.getMessage());
            final SharedObjectMismatchException asLock =
                assertThrows(SharedObjectMismatchException.class, () -> ctx.lock("counter"));
            assertTrue(asLock.getMessage().endsWith("counter: holds another kind of object: kind is VALUE in the file, " +
                "SYNC requested"), asLock.getMessage());
        }
    }

    @Test
    @Timeout(30)
    void everyValueHandsOutOneReentrantLock() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root); IpcContext other = IpcContext.open(ctx.directory()))
        {
            final SharedInt v = ctx.intValue("v", 0);
            final SharedRLock lock = v.lock();
            assertSame(lock, v.lock());
            lock.lock();
            lock.lock();
            assertEquals(2, lock.getHoldCount());
            final SharedRLock sameFromElsewhere = other.intValue("v", 0).lock();
            final boolean[] got = new boolean[1];
            final Thread t = new Thread(() -> got[0] = sameFromElsewhere.tryLock());
            t.start();
            t.join();
            assertFalse(got[0], "another thread cannot take the value's lock while this one holds it");
            lock.unlock();
            lock.unlock();
            assertFalse(lock.isLocked());
            assertTrue(lock.toString().contains("lock of int value 'v'"), lock.toString());
        }
    }

    @Test
    void callsAfterCloseAreIllegalStateAndCloseLeavesNoFileBehind()
    {
        final Path dir;
        try (IpcContext ctx = IpcContext.create(root))
        {
            dir = ctx.directory();
            final SharedLong v = ctx.longValue("v", 1);
            final SharedRLock lock = v.lock();
            v.close();
            assertTrue(v.isClosed());
            assertThrows(IllegalStateException.class, v::get);
            assertThrows(IllegalStateException.class, () -> v.set(2));
            assertThrows(IllegalStateException.class, lock::lock);
            assertEquals(1, ctx.longValue("v", 0).get(), "the file stays for the others");
        }
        assertFalse(Files.exists(dir));
    }

    @Test
    void aValueTravelsAsASmallHandleAndReopensTheSameMemory()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLong v = ctx.longValue("traveller", 3);
            final SharedInt i = ctx.intValue("i", 0);
            final Codec<Serializable> codec = Codecs.java();
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
            final List<Object> objects = new ArrayList<>(List.of(v, i, v.lock()));
            final int length = codec.encode((Serializable)objects, buffer, 0);
            assertTrue(length < 1024, "a handle, not the object: " + length + " bytes");
            @SuppressWarnings("unchecked")
            final List<Object> back = (List<Object>)codec.decode(buffer, 0, length);
            final SharedLong reopened = (SharedLong)back.get(0);
            assertNotSame(v, reopened);
            reopened.addAndGet(4);
            assertEquals(7, v.get());
            assertSame(reopened.lock(), back.get(2), "a value's lock comes back as that value's lock");
            @SuppressWarnings("unchecked")
            final List<Object> again = (List<Object>)codec.decode(buffer, 0, length);
            assertSame(reopened, again.get(0), "a JVM re-opens a handle once");
        }
    }
}
