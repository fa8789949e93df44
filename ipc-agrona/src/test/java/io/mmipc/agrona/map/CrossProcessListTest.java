package io.mmipc.agrona.map;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.SharedEvent;
import io.mmipc.SharedList;
import io.mmipc.SharedNamespace;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildOutput;
import io.mmipc.test.Children;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Real child JVMs share one list and one namespace: each gets them as handles inside its task and
 * re-opens them.
 */
class CrossProcessListTest
{
    private static final Duration LIMIT = Duration.ofSeconds(180);
    private static final int PROCESSES = 4;
    private static final int ELEMENTS = 400;
    private static final int UPDATES = 300;

    @TempDir
    Path root;

    private final List<JvmProcess> started = new ArrayList<>();

    @AfterEach
    void killLeftovers()
    {
        started.stream().filter(JvmProcess::isAlive).forEach(JvmProcess::kill);
    }

    /**
     * Appends {@code p<id>-<i>} for every i, one at a time, two at a time through extend, and now and
     * then at the front, while the others do the same; reads the list meanwhile.
     */
    static void appendAll(final SharedList<String> list, final SharedNamespace ns, final SharedEvent go,
        final int id) throws Exception
    {
        if (!go.await(120, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("no start signal");
        }
        for (int i = 0; i < ELEMENTS; )
        {
            if (i % 10 == 3 && i + 1 < ELEMENTS)
            {
                list.extend(List.of("p" + id + "-" + i, "p" + id + "-" + (i + 1)));
                i += 2;
            }
            else if (i % 10 == 7)
            {
                list.add(0, "p" + id + "-" + i++);
            }
            else
            {
                list.add("p" + id + "-" + i++);
            }
            final String any = list.get(list.size() / 2); // lock-free reads beside the writers
            if (!any.startsWith("p"))
            {
                throw new IllegalStateException("read " + any);
            }
        }
        for (int u = 0; u < UPDATES; u++)
        {
            ns.update("updates", (Integer n) -> n + 1);
        }
        ns.set("done" + id, true);
        System.out.println("done");
    }

    @Test
    @Timeout(300)
    void fourProcessesAppendingAtOnceLeaveEveryElementExactlyOnce() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedList<String> list = ctx.list("shared", Codecs.utf8());
            final SharedNamespace ns = ctx.namespace("ns");
            ns.set("updates", 0);
            final SharedEvent go = ctx.event("go");
            for (int i = 0; i < PROCESSES; i++)
            {
                final int id = i;
                final JvmProcess p = ctx.process(() -> appendAll(list, ns, go, id))
                    .jvmOptions(Children.QUICK_JVM.toArray(String[]::new)).output(ChildOutput.CAPTURE);
                started.add(p.start());
            }
            go.set();
            for (final JvmProcess p : started)
            {
                assertTrue(p.join(LIMIT), p + " did not finish within " + LIMIT);
                assertEquals(0, p.exitCode().getAsInt(), () -> p + " failed\n" + p.stdout() + p.stderr());
            }
            final List<String> all = list.snapshot();
            assertEquals(PROCESSES * ELEMENTS, all.size());
            final Set<String> unique = new HashSet<>(all);
            assertEquals(all.size(), unique.size(), "no element twice");
            for (int id = 0; id < PROCESSES; id++)
            {
                for (int i = 0; i < ELEMENTS; i++)
                {
                    assertTrue(unique.contains("p" + id + "-" + i), "p" + id + "-" + i + " is missing");
                }
                assertEquals(true, ns.get("done" + id));
            }
            assertEquals(PROCESSES * UPDATES, ns.get("updates"), "every update of every process counted");
            assertEquals(List.of(), ((AgronaList<?>)list).bytes().audit());
        }
    }
}
