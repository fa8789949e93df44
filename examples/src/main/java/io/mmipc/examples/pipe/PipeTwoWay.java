package io.mmipc.examples.pipe;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.Pipe;
import io.mmipc.PipeEnd;
import io.mmipc.codec.Codecs;

/**
 * The two-way parent/child exchange (seed 001, "Pipes in Multiprocessing"; rebuilt from the
 * prose): the parent sends data with {@code parent_conn.send()} and receives the child's response
 * with {@code parent_conn.recv()}; the child receives with {@code conn.recv()} and answers with
 * {@code conn.send()}.
 */
public final class PipeTwoWay
{
    static void child(final PipeEnd<String> conn) throws InterruptedException
    {
        final String data = conn.recv();
        System.out.println("Child received: " + data);
        conn.send("Hello parent, I got: " + data);
        conn.close();
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final Pipe<String> pipe = ctx.pipe("pipe", Codecs.utf8());
            final PipeEnd<String> parentConn = pipe.end1();
            final PipeEnd<String> childConn = pipe.end2();

            final JvmProcess p = JvmProcess.of(() -> child(childConn));
            p.start();

            parentConn.send("Hello child");
            System.out.println("Parent received: " + parentConn.recv());
            p.join();
        }
    }
}
