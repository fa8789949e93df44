package io.mmipc.agrona.map;

import io.mmipc.IpcContext;
import io.mmipc.SharedList;
import io.mmipc.SharedLong;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

/**
 * List writers killed with SIGKILL half-way through: at chosen points inside an append, an insert
 * (which shifts), a remove, a pop and a replace (a child stops there and waits to be killed), and at
 * random points of a stream of changes. The list is in its state before or after the call, every
 * element whole; the next writer takes the lock over and gives the dead writer's blocks back.
 */
@Timeout(300)
class ListCrashTest
{
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String NEW = "new|" + "n".repeat(300);

    @TempDir
    Path root;

    @Test
    void anAppendKilledBeforePublishingLeavesNoTrace() throws Exception
    {
        killAt("list-append-written", same(), "append", NEW);
    }

    @Test
    void anInsertKilledAfterWritingTheOtherTableButBeforeSwitchingLeavesTheListAsItWas() throws Exception
    {
        killAt("list-shift-written", same(), "insert", "3", NEW);
    }

    @Test
    void anInsertKilledRightAfterSwitchingTablesIsWhole() throws Exception
    {
        killAt("list-shift-published", l -> add(l, 3, NEW), "insert", "3", NEW);
    }

    @Test
    void aRemoveKilledBeforeFreeingTheElementGivesItsBlocksBack() throws Exception
    {
        killAt("list-shift-published", l -> remove(l, 3), "remove", "3");
    }

    @Test
    void aPopKilledBeforeFreeingTheElementGivesItsBlocksBack() throws Exception
    {
        killAt("list-shift-published", l -> remove(l, l.size() - 1), "pop");
    }

    @Test
    void aReplaceKilledBeforeFreeingTheOldElementGivesItsBlocksBack() throws Exception
    {
        killAt("list-set-published", l ->
        {
            l.set(3, NEW);
            return l;
        }, "set", "3", NEW);
    }

    /**
     * A child stops at {@code point} inside its call, holding the list's lock, and is killed. A
     * reader is not held up and sees {@code expected} of the list before; the next writer takes the
     * lock over, repairs, and writes.
     */
    private void killAt(final String point, final UnaryOperator<List<String>> expected, final String... op)
        throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedList<String> list = ctx.list("crash", Codecs.utf8(), ListChild.OPTIONS);
            final List<String> before = new ArrayList<>();
            for (int i = 0; i < 10; i++)
            {
                before.add("element-" + i + "|" + "e".repeat(100 + 30 * i));
            }
            list.extend(before);
            final ByteList bytes = ((AgronaList<String>)list).bytes();
            final String[] args = new String[op.length + 1];
            args[0] = op[0];
            args[1] = ctx.directory().toString();
            System.arraycopy(op, 1, args, 2, op.length - 1);
            try (ChildJvm child = Children.launcher(ListChild.class, args)
                .systemProperty(MapCrashPoints.PROPERTY, point).start())
            {
                Children.awaitLine(child, "crash-point " + point, START);
                child.kill();
                assertTrue(child.waitFor(BOUND));
            }
            assertTrue(bytes.isLocked(), "the dead writer still holds the lock");
            final List<String> after = expected.apply(new ArrayList<>(before));
            assertEquals(after.size(), list.size()); // lock-free reads do not wait for the dead writer
            for (int i = 0; i < after.size(); i++)
            {
                assertEquals(after.get(i), list.get(i), "element " + i);
            }
            assertEquals(0, bytes.table.repairs());

            list.add("after the crash"); // takes the lock over and repairs first
            assertEquals(1, bytes.table.repairs(), "one repair, by the next writer, with no call from the user");
            after.add("after the crash");
            assertEquals(after, list.snapshot());
            assertEquals(List.of(), bytes.audit(), "no leaked block");
            list.clear();
            assertEquals(ListChild.OPTIONS.dataBytes() / ListChild.OPTIONS.blockBytes(), bytes.freeBlocks(),
                "all the space the dead writer held is back");
        }
    }

    @Test
    void killedAtRandomPointsOfAStreamOfChangesTheListKeepsEveryCompletedChange() throws Exception
    {
        final Random random = new Random();
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedList<String> list = ctx.list("stream", Codecs.utf8(), ListChild.OPTIONS);
            final SharedLong completed = ctx.longValue("completed", 0);
            final ByteList bytes = ((AgronaList<String>)list).bytes();
            int midChange = 0;
            for (int round = 0; round < 8; round++)
            {
                final long from = completed.get();
                final long until = from + 200 + random.nextInt(3000);
                try (ChildJvm child = Children.start(ListChild.class, "stream", ctx.directory().toString()))
                {
                    Children.await("the stream to pass op " + until, START,
                        () -> completed.get() >= until || !child.isAlive());
                    assertTrue(child.isAlive(), () -> "the stream died\n" + child.stdout() + child.stderr());
                    child.kill();
                    assertTrue(child.waitFor(BOUND));
                }
                midChange += bytes.isLocked() ? 1 : 0;
                final long done = completed.get();
                final List<String> seen = list.snapshot(); // takes a dead writer's lock over
                final List<String> model = model(done);
                if (!seen.equals(model))
                {
                    ListChild.apply(model, done + 1);
                    assertEquals(model, seen, "neither the list after " + done + " completed changes nor after one more");
                    completed.setRelease(done + 1); // the change in flight was published: the next child goes on from it
                }
                if (round % 2 == 1)
                {
                    assertEquals(List.of(), bytes.audit(), "after round " + round);
                }
            }
            assertEquals(List.of(), bytes.audit());
            System.out.println(completed.get() + " changes over 8 killed writers, " + midChange +
                " of them killed holding the lock; this process repaired " + bytes.table.repairs() + " times");
        }
    }

    private static List<String> model(final long completed)
    {
        final List<String> model = new ArrayList<>();
        for (long op = 1; op <= completed; op++)
        {
            ListChild.apply(model, op);
        }
        return model;
    }

    private static UnaryOperator<List<String>> same()
    {
        return l -> l;
    }

    private static List<String> add(final List<String> l, final int index, final String value)
    {
        l.add(index, value);
        return l;
    }

    private static List<String> remove(final List<String> l, final int index)
    {
        l.remove(index);
        return l;
    }
}
