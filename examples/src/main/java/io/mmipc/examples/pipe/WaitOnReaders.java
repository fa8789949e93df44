package io.mmipc.examples.pipe;

import io.mmipc.Connection;
import io.mmipc.EndOfStreamException;
import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.Pipe;
import io.mmipc.PipeEnd;
import io.mmipc.PipeOptions;
import io.mmipc.codec.Codecs;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code multiprocessing.connection.wait} example (the {@code multiprocessing}
 * documentation): four processes each send ten messages down a one-way pipe and close it; the
 * parent waits on all the readers at once, prints what arrives and drops a reader at end-of-stream.
 * <pre>
 * def foo(w):
 *     for i in range(10):
 *         w.send((i, current_process().name))
 *     w.close()
 *
 * readers = []
 * for i in range(4):
 *     r, w = Pipe(duplex=False)
 *     readers.append(r)
 *     p = Process(target=foo, args=(w,))
 *     p.start()
 *     w.close()
 *
 * while readers:
 *     for r in wait(readers):
 *         try:
 *             msg = r.recv()
 *         except EOFError:
 *             readers.remove(r)
 *         else:
 *             print(msg)
 * </pre>
 * The parent never opens the writing ends, so it needs no {@code w.close()}.
 */
public final class WaitOnReaders
{
    static void foo(final PipeEnd<String> w) throws InterruptedException
    {
        for (int i = 0; i < 10; i++)
        {
            w.send("(" + i + ", '" + JvmProcess.currentName() + "')");
        }
        w.close();
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final List<PipeEnd<String>> readers = new ArrayList<>();
            final List<JvmProcess> processes = new ArrayList<>();
            for (int i = 0; i < 4; i++)
            {
                final Pipe<String> pipe = ctx.pipe("pipe-" + i, Codecs.utf8(), PipeOptions.defaults().duplex(false));
                final PipeEnd<String> r = pipe.end1();
                final PipeEnd<String> w = pipe.end2();
                readers.add(r);
                processes.add(JvmProcess.of(() -> foo(w)).start());
            }

            while (!readers.isEmpty())
            {
                for (final PipeEnd<String> r : Connection.wait(readers))
                {
                    try
                    {
                        final String msg = r.recv();
                        System.out.println(msg);
                    }
                    catch (final EndOfStreamException e)   // except EOFError:
                    {
                        readers.remove(r);
                    }
                }
            }
            for (final JvmProcess p : processes)
            {
                p.join();
            }
        }
    }
}
