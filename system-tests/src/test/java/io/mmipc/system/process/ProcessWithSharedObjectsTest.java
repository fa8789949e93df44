package io.mmipc.system.process;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.MessageQueue;
import io.mmipc.SharedInt;
import io.mmipc.SharedLock;
import io.mmipc.codec.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * JvmProcess (core) with the shared objects of ipc-agrona captured by its lambdas: DESIGN.md's
 * target program, for real.
 */
@Timeout(180)
class ProcessWithSharedObjectsTest
{
    @TempDir
    Path root;

    static void workerWithLock(final SharedLock lock, final SharedInt shared, final int increments)
    {
        for (int i = 0; i < increments; i++)
        {
            try (SharedLock.Held held = lock.locked())
            {
                shared.set(shared.get() + 1);
            }
        }
    }

    @Test
    void childrenIncrementTheSharedIntTheirLambdasCaptured() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("lock");
            final SharedInt shared = ctx.intValue("counter", 0);
            final List<JvmProcess> ps = new ArrayList<>();
            for (int i = 0; i < 4; i++)
            {
                ps.add(ctx.process(() -> workerWithLock(lock, shared, 10_000)).start());
            }
            for (final JvmProcess p : ps)
            {
                p.join();
                assertEquals(0, p.exitCode().getAsInt());
            }
            assertEquals(40_000, shared.get());

            final JvmProcess one = ctx.process(shared::incrementAndGet).start();
            one.join();
            assertEquals(40_001, shared.get(), "a method reference on a shared object travels too");
        }
    }

    static void report(final MessageQueue<String> results, final int id) throws InterruptedException
    {
        results.put(JvmProcess.currentName() + " " + id + " " + ProcessHandle.current().pid());
    }

    @Test
    void childrenReportThroughAQueueTheirLambdasCaptured() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<String> results = ctx.queue("results", Codecs.utf8());
            final List<JvmProcess> ps = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                final int id = i;
                ps.add(ctx.process(() -> report(results, id)).name("reporter-" + i).start());
            }
            final Set<String> got = new HashSet<>();
            for (int i = 0; i < 3; i++)
            {
                got.add(results.take());
            }
            for (final JvmProcess p : ps)
            {
                p.join();
                assertTrue(got.contains(p.name() + " " + p.name().substring("reporter-".length()) + " " + p.pid()), got.toString());
            }
        }
    }
}
