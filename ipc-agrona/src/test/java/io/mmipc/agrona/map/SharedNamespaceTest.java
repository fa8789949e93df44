package io.mmipc.agrona.map;

import io.mmipc.IpcContext;
import io.mmipc.SharedMapFullException;
import io.mmipc.SharedNamespace;
import io.mmipc.SharedObjectMismatchException;
import io.mmipc.codec.CodecException;
import io.mmipc.codec.SerialFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Point;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The namespace in one JVM: Python's attribute operations, typed reads, atomic updates, names
 * and values it refuses, and its own file kind.
 */
@Timeout(60)
class SharedNamespaceTest
{
    @TempDir
    Path root;

    @Test
    void actsLikePythonsNamespace()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedNamespace ns = ctx.namespace("ns");
            ns.set("x", 1);                                     // ns.x = 1
            ns.set("name", "mmipc");
            ns.set("items", new java.util.ArrayList<>(List.of(1, 2)));
            assertEquals(1, ns.get("x"));                       // ns.x
            assertEquals("mmipc", ns.get("name", String.class));
            assertEquals(List.of(1, 2), ns.get("items"));
            assertTrue(ns.has("x"));                            // hasattr(ns, 'x')
            assertEquals(7, (int)ns.getOrDefault("y", 7));      // getattr(ns, 'y', 7)
            assertEquals(3, (int)ns.update("x", (Integer v) -> v + 2)); // ns.x += 2, atomically
            assertEquals(Map.of("items", List.of(1, 2), "name", "mmipc", "x", 3), ns.fields()); // vars(ns)
            assertEquals("Namespace(items=[1, 2], name='mmipc', x=3)", ns.toString());
            assertTrue(ns.delete("x"));                         // del ns.x
            assertFalse(ns.delete("x"));
            final NoSuchElementException missing = assertThrows(NoSuchElementException.class, () -> ns.get("x"));
            assertTrue(missing.getMessage().contains("namespace 'ns' has no field x"), missing.getMessage());
            assertThrows(NoSuchElementException.class, () -> ns.update("x", (Integer v) -> v + 1));
            final ClassCastException wrongType = assertThrows(ClassCastException.class,
                () -> ns.get("name", Integer.class));
            assertTrue(wrongType.getMessage().contains("java.lang.String"), wrongType.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ns.set("not a name", 1));
            assertThrows(IllegalArgumentException.class, () -> ns.set("1st", 1));
            assertThrows(IllegalArgumentException.class, () -> ns.get(""));
            assertThrows(NullPointerException.class, () -> ns.set("x", null));
        }
    }

    @Test
    void valuesOfClassesTheFilterDoesNotAdmitAreRefusedWhenRead()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedNamespace strict = ctx.namespace("strict");
            strict.set("p", new Point(1, 2)); // java.awt is not in the default allow-list
            assertThrows(CodecException.class, () -> strict.get("p"));

            final SharedNamespace open = ctx.namespace("open", SerialFilter.defaults().allowClass(Point.class),
                SharedNamespace.DEFAULT_OPTIONS);
            open.set("p", new Point(1, 2));
            assertEquals(new Point(1, 2), open.get("p"));
        }
    }

    @Test
    void itsFileHasItsOwnKindAndCapacity() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedNamespace ns = ctx.namespace("small", SerialFilter.defaults(),
                SharedNamespace.DEFAULT_OPTIONS.maxEntries(2));
            ns.set("a", 1);
            ns.set("b", 2);
            final SharedMapFullException full = assertThrows(SharedMapFullException.class, () -> ns.set("c", 3));
            assertTrue(full.getMessage().contains("namespace 'small'"), full.getMessage());
            assertThrows(SharedObjectMismatchException.class, () -> ctx.dict("small", io.mmipc.codec.Codecs.utf8(),
                io.mmipc.codec.Codecs.java(), SharedNamespace.DEFAULT_OPTIONS.maxEntries(2)),
                "a dict cannot open a namespace's file");

            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ObjectOutputStream objects = new ObjectOutputStream(out))
            {
                objects.writeObject(ns);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(out.toByteArray())))
            {
                assertEquals(2, ((SharedNamespace)in.readObject()).get("b"));
            }
        }
    }
}
