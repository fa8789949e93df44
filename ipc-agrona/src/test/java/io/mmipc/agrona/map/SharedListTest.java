package io.mmipc.agrona.map;

import io.mmipc.IpcContext;
import io.mmipc.ListOptions;
import io.mmipc.SharedList;
import io.mmipc.SharedListFullException;
import io.mmipc.SharedObjectMismatchException;
import io.mmipc.SharedStateCorruptedException;
import io.mmipc.codec.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The list contract in one JVM: every method against an {@link ArrayList} model, elements empty,
 * in one block and in many, capacity errors that change nothing, snapshots, handles, and a
 * damaged file.
 */
@Timeout(60)
class SharedListTest
{
    static final ListOptions SMALL = ListOptions.defaults().maxElements(64).maxElementBytes(2048)
        .dataBytes(64 * 1024).blockBytes(64);

    @TempDir
    Path root;

    @Test
    void actsLikePythonsList()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedList<String> list = ctx.list("l", Codecs.utf8());
            assertTrue(list.isEmpty());
            list.add("a");                              // append
            list.extend(List.of("b", "c", "d"));        // extend
            assertEquals(List.of("a", "b", "c", "d"), list);
            assertEquals("c", list.get(2));             // lst[2]
            assertEquals("c", list.set(2, "C"));        // lst[2] = 'C'
            list.add(0, "first");                       // insert(0, ...)
            assertEquals(List.of("first", "a", "b", "C", "d"), list);
            assertEquals("d", list.pop());              // pop()
            assertEquals("a", list.pop(1));             // pop(1)
            assertTrue(list.remove("b"));               // remove('b')
            assertFalse(list.remove("zzz"));
            assertEquals(List.of("first", "C"), list);
            assertEquals(2, list.size());               // len(lst)
            assertEquals(List.of("C"), list.subList(1, 2)); // lst[1:2]
            assertEquals(1, list.indexOf("C"));
            assertTrue(list.contains("first"));
            assertEquals("[first, C]", list.toString());
            list.clear();
            assertTrue(list.isEmpty());
            assertThrows(NoSuchElementException.class, list::pop);
            assertThrows(IndexOutOfBoundsException.class, () -> list.get(0));
            assertThrows(IndexOutOfBoundsException.class, () -> list.get(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> list.add(1, "x"));
            assertThrows(IndexOutOfBoundsException.class, () -> list.set(0, "x"));
            assertThrows(NullPointerException.class, () -> list.add(null));
            assertEquals(List.of(), ((AgronaList<?>)list).bytes().audit());
        }
    }

    @Test
    void randomOperationsMatchAnArrayListWithEveryBlockAccountedFor()
    {
        final Random random = new Random(42);
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedList<String> list = ctx.list("model", Codecs.utf8(), SMALL);
            final ByteList bytes = ((AgronaList<String>)list).bytes();
            final int allFree = bytes.freeBlocks();
            final List<String> model = new ArrayList<>();
            for (int op = 0; op < 5000; op++)
            {
                final String value = op % 7 == 0 ? "" : ("v" + op + "-").repeat(random.nextInt(40)); // 0 to ~300 bytes
                final int size = model.size();
                final int choice = random.nextInt(9);
                if (size >= 60 || (choice == 0 && size > 0))
                {
                    final int i = random.nextInt(size);
                    assertEquals(model.remove(i), list.remove(i));
                }
                else if (choice == 1 && size > 0)
                {
                    assertEquals(model.remove(size - 1), list.pop());
                }
                else if (choice == 2 && size > 0)
                {
                    final int i = random.nextInt(size);
                    assertEquals(model.set(i, value), list.set(i, value));
                }
                else if (choice == 3)
                {
                    final int i = random.nextInt(size + 1);
                    model.add(i, value);
                    list.add(i, value);
                }
                else if (choice == 4 && size > 0)
                {
                    final String victim = model.get(random.nextInt(size));
                    assertEquals(model.remove(victim), list.remove(victim));
                }
                else if (choice == 5)
                {
                    final List<String> more = List.of(value, value + "x");
                    final int i = random.nextInt(size + 1);
                    model.addAll(i, more);
                    list.addAll(i, more);
                }
                else if (choice == 6 && size > 3)
                {
                    final int from = random.nextInt(size - 2);
                    assertEquals(model.subList(from, from + 2), list.subList(from, from + 2));
                }
                else
                {
                    model.add(value);
                    list.add(value);
                }
                assertEquals(model.size(), list.size());
                if (op % 100 == 0)
                {
                    assertEquals(model, list.snapshot(), "after op " + op);
                    assertEquals(List.of(), bytes.audit(), "after op " + op);
                }
            }
            assertEquals(model, list);
            list.clear();
            assertEquals(allFree, bytes.freeBlocks(), "every block is back");
            assertEquals(List.of(), bytes.audit());
        }
    }

    @Test
    void iterationIsAPointInTimeSnapshotAndReadOnly()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedList<Integer> list = ctx.list("snap", Codecs.int32(), SMALL);
            list.extend(List.of(1, 2, 3));
            final Iterator<Integer> it = list.iterator();
            final List<Integer> slice = list.subList(0, 2);
            list.add(4);
            list.set(0, 100);
            list.remove(1);
            final List<Integer> seen = new ArrayList<>();
            it.forEachRemaining(seen::add);
            assertEquals(List.of(1, 2, 3), seen, "the iterator walks the list as it was when made");
            assertEquals(List.of(1, 2), slice, "a slice is a copy, as in Python");
            assertEquals(List.of(100, 3, 4), list);
            final Iterator<Integer> again = list.iterator();
            again.next();
            assertThrows(UnsupportedOperationException.class, again::remove);
            assertThrows(UnsupportedOperationException.class, () -> list.sort(null));
            assertThrows(UnsupportedOperationException.class, () -> list.removeIf(x -> true));
        }
    }

    @Test
    void aFullListSaysSoNamingItsCapacityAndChangesNothing()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedList<String> few = ctx.list("few", Codecs.utf8(), SMALL.maxElements(3));
            few.extend(List.of("a", "b"));
            final SharedListFullException tooMany = assertThrows(SharedListFullException.class,
                () -> few.extend(List.of("c", "d")));
            assertTrue(tooMany.getMessage().contains("list 'few'") && tooMany.getMessage().contains("3 elements"),
                tooMany.getMessage());
            assertEquals(List.of("a", "b"), few, "extend is all or nothing");
            few.add("c");
            assertThrows(SharedListFullException.class, () -> few.add(0, "d"));
            assertEquals(List.of("a", "b", "c"), few);
            assertEquals(List.of(), ((AgronaList<?>)few).bytes().audit(), "the refused elements' blocks went back");

            // 1 KiB of data: 21 blocks of 48 payload bytes.
            final SharedList<String> small = ctx.list("small", Codecs.utf8(), SMALL.dataBytes(1344));
            small.add("x".repeat(500)); // 11 blocks
            final SharedListFullException noRoom = assertThrows(SharedListFullException.class,
                () -> small.add("y".repeat(500)));
            assertTrue(noRoom.getMessage().contains("500-byte element") && noRoom.getMessage().contains("dataBytes 1344"),
                noRoom.getMessage());
            assertThrows(SharedListFullException.class, () -> small.set(0, "z".repeat(500)),
                "a replace needs its new blocks before the old ones go back");
            assertEquals(List.of("x".repeat(500)), small);
            assertEquals(List.of(), ((AgronaList<?>)small).bytes().audit());

            final IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> small.add("w".repeat(3000)));
            assertTrue(tooLong.getMessage().contains("maxElementBytes 2048"), tooLong.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ListOptions.defaults().maxElements(0));
            assertThrows(IllegalArgumentException.class, () -> ctx.list("odd", Codecs.utf8(), SMALL.dataBytes(100)));
        }
    }

    @Test
    void openingWithOtherCapacityOrCodecIsAnErrorAndHandlesReopenTheSameList() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedList<String> list = ctx.list("shared", Codecs.utf8(), SMALL);
            list.add("hello");
            assertThrows(SharedObjectMismatchException.class,
                () -> ctx.list("shared", Codecs.utf8(), SMALL.maxElements(65)));
            assertThrows(SharedObjectMismatchException.class, () -> ctx.list("shared", Codecs.bytes(), SMALL));

            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ObjectOutputStream objects = new ObjectOutputStream(out))
            {
                objects.writeObject(list);
            }
            assertTrue(out.size() < 1024, "a handle travels, not the elements: " + out.size() + " bytes");
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(out.toByteArray())))
            {
                @SuppressWarnings("unchecked") final List<String> back = (List<String>)in.readObject();
                assertEquals(List.of("hello"), back);
            }
        }
    }

    @Test
    void aDamagedStateWordIsReportedNamingTheFile()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedList<String> list = ctx.list("damaged", Codecs.utf8(), SMALL);
            list.add("a");
            final ByteList bytes = ((AgronaList<String>)list).bytes();
            bytes.file.body().putLongVolatile(ListDescriptor.STATE_OFFSET, -1L);
            final SharedStateCorruptedException ex = assertThrows(SharedStateCorruptedException.class,
                () -> list.get(0));
            assertTrue(ex.getMessage().contains("list 'damaged'") && ex.getMessage().contains(list.path().toString()),
                ex.getMessage());
            bytes.file.body().putLongVolatile(ListDescriptor.STATE_OFFSET, ListDescriptor.state(0, 1));
            bytes.file.body().putLongVolatile(bytes.layout.elementOffset(0, 0), 0x1234L); // no element bit
            assertThrows(SharedStateCorruptedException.class, () -> list.get(0));
            assertThrows(SharedStateCorruptedException.class, list::snapshot);
        }
    }

    @Test
    void aHandleOpensOnlyTheListWhoseCodecAndCapacityItCarries() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            ctx.list("shared", Codecs.utf8(), SMALL).add("x");
            String message = refused(ctx, new ListShape("utf8", 65, 2048, 64 * 1024, 64));
            assertTrue(message.contains("maxElements is 64 in the file, 65 requested"), message);
            message = refused(ctx, new ListShape("int64", 64, 2048, 64 * 1024, 64));
            assertTrue(message.contains("utf8") && message.contains("int64"), message);
            message = refused(ctx, new ListShape("utf8", 64, 2048, 64 * 1024, 3));
            assertTrue(message.contains("blockBytes") && message.contains("got 3"), message);
            message = refused(ctx, new DictShape("utf8", "utf8", 10, 200, 1000, 8 * 128, 2, 128));
            assertTrue(message.contains("not a list's handle"), message);
            message = refused(ctx, "missing", new ListShape("utf8", 64, 2048, 64 * 1024, 64));
            assertTrue(message.contains(ctx.directory().resolve("missing").toString()), message);
            assertFalse(java.nio.file.Files.exists(ctx.directory().resolve("missing")), "a handle never creates");
        }
    }

    private static String refused(final IpcContext ctx, final java.io.Serializable shape)
    {
        return refused(ctx, "shared", shape);
    }

    /**
     * @return the message of the failure to read back a list handle carrying {@code shape}.
     */
    private static String refused(final IpcContext ctx, final String name, final java.io.Serializable shape)
    {
        final io.mmipc.internal.spi.Handle handle = new io.mmipc.internal.spi.Handle(
            io.mmipc.internal.spi.ObjectProvider.SHARED_MEMORY, ctx.directory().toString(), name, "list", 0, shape,
            null);
        final java.io.InvalidObjectException ex = assertThrows(java.io.InvalidObjectException.class, () ->
        {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ObjectOutputStream objects = new ObjectOutputStream(out))
            {
                objects.writeObject(handle);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(out.toByteArray())))
            {
                in.readObject();
            }
        });
        assertTrue(ex.getMessage().startsWith("cannot re-open list handle"), ex.getMessage());
        return ex.getMessage();
    }
}
