package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.SharedInt;
import io.mmipc.SharedIntArray;
import io.mmipc.SharedLock;
import io.mmipc.SharedRLock;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.ObjectProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Handles are input like any other: one that names nothing, another kind, another parameter or
 * an impossible one fails when it is read, naming what it names, and creates nothing.
 */
@Timeout(60)
class HandleBadInputTest
{
    @TempDir
    Path root;

    @Test
    void aHandleOpensOnlyAndNeverCreates() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            for (final String kind : new String[]{"int", "long", "double", "boolean", "lock", "rlock", "event"})
            {
                final String message = refused(handle(ctx, "missing", kind, 0, null));
                assertTrue(message.contains(ctx.directory().resolve("missing").toString()), message);
                assertFalse(Files.exists(ctx.directory().resolve("missing")), kind + ": nothing was created");
            }
            assertFalse(Files.exists(ctx.directory().resolve("missing")));
        }
    }

    @Test
    void aHandleWhoseParameterDisagreesWithTheFileNamesBoth() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedIntArray array = ctx.intArray("ia", 3);
            ctx.semaphore("sem", 2);
            ctx.barrier("b", 2);

            String message = refused(handle(ctx, "ia", "int-array", 4, null));
            assertTrue(message.contains(array.path() + ": parameters differ: length is 3 in the file, 4 requested"),
                message);
            message = refused(handle(ctx, "ia", "long-array", 3, null));
            assertTrue(message.contains("element size is 4 in the file, 8 requested"), message);
            message = refused(handle(ctx, "sem", "semaphore", 5, null));
            assertTrue(message.contains("permits is 2 in the file, 5 requested"), message);
            message = refused(handle(ctx, "sem", "bounded-semaphore", 2, null));
            assertTrue(message.contains("type is \"semaphore\" in the file, \"bounded-semaphore\" requested"), message);
            message = refused(handle(ctx, "b", "barrier", 3, null));
            assertTrue(message.contains("parties is 2 in the file, 3 requested"), message);
            message = refused(handle(ctx, "ia", "event", 0, null));
            assertTrue(message.contains(array.path() + ": holds another kind of object: kind is ARRAY in the file, SYNC requested"),
                message);
            assertEquals(3, array.length(), "the object itself is untouched");
        }
    }

    @Test
    void anImpossibleParameterIsRefusedBeforeAnyFileIsRead() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            ctx.intArray("ia", 3);
            // 2^32 + 3 would be 3 if cut to an int.
            String message = refused(handle(ctx, "ia", "int-array", (1L << 32) + 3, null));
            assertTrue(message.contains("length must be in [0, " + Integer.MAX_VALUE + "], got 4294967299"), message);
            message = refused(handle(ctx, "sem", "semaphore", -1, null));
            assertTrue(message.contains("permits must be in") && message.contains("got -1"), message);
            message = refused(handle(ctx, "b", "barrier", 0, null));
            assertTrue(message.contains("parties must be in [1, " + BarrierDescriptor.MAX_PARTIES + "], got 0"),
                message);
        }
    }

    @Test
    void aRelatedObjectOfTheWrongKindIsRefused() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedInt value = ctx.intValue("i", 1);
            final SharedLock lock = ctx.lock("lock");
            ctx.condition("cond", lock);
            final Handle valueHandle = handle(ctx, "i", "int", 0, null);

            String message = refused(handle(ctx, "cond", "condition", 0, valueHandle));
            assertTrue(message.contains("needs a lock"), message);
            message = refused(handle(ctx, "cond", "condition", 0, null));
            assertTrue(message.contains("needs a lock"), message);
            message = refused(handle(ctx, "lock", "lock-of", 0, handle(ctx, "lock", "lock", 0, null)));
            assertTrue(message.contains("needs a value or array"), message);
            ctx.intValue("j", 2);
            message = refused(handle(ctx, "j", "lock-of", 0, valueHandle));
            assertTrue(message.contains("another object"), message);

            final Object lockOf = roundTrip(handle(ctx, "i", "lock-of", 0, valueHandle));
            assertInstanceOf(SharedRLock.class, lockOf);
            assertEquals(value.name(), ((SharedRLock)lockOf).name());
        }
    }

    @Test
    void anUnknownKindIsNotThisProvidersToReopen()
    {
        final AgronaSyncProvider provider = new AgronaSyncProvider();
        for (final String kind : SyncKinds.ALL)
        {
            assertTrue(provider.reopens(kind), kind);
        }
        assertFalse(provider.reopens("queue"));
        assertFalse(provider.reopens("dict"));
        assertFalse(provider.reopens("Lock"));
    }

    private static Handle handle(final IpcContext ctx, final String name, final String kind, final long param,
        final Serializable related)
    {
        return new Handle(ObjectProvider.SHARED_MEMORY, ctx.directory().toString(), name, kind, param, null, related);
    }

    /**
     * @return the message of the failure to read {@code handle} back.
     */
    private static String refused(final Handle handle)
    {
        final InvalidObjectException ex = assertThrows(InvalidObjectException.class, () -> roundTrip(handle));
        assertTrue(ex.getMessage().startsWith("cannot re-open " + handle.kind() + " handle"), ex.getMessage());
        return ex.getMessage();
    }

    private static Object roundTrip(final Object object) throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())))
        {
            return in.readObject();
        }
    }
}
