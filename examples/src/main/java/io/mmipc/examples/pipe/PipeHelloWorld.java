package io.mmipc.examples.pipe;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.Pipe;
import io.mmipc.PipeEnd;
import io.mmipc.codec.Codecs;

/**
 * The child that sends "hello world" (seed 003, "Pipes"; rebuilt from the prose):
 * {@code Pipe()} returns two connections; a process sends the string over one, the parent
 * receives it from the other and prints it.
 */
public final class PipeHelloWorld
{
    static void f(final PipeEnd<String> conn) throws InterruptedException
    {
        conn.send("hello world");
        conn.close();
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final Pipe<String> pipe = ctx.pipe("pipe", Codecs.utf8());
            final PipeEnd<String> parentConn = pipe.end1();
            final PipeEnd<String> childConn = pipe.end2();
            final JvmProcess p = JvmProcess.of(() -> f(childConn));
            p.start();
            System.out.println(parentConn.recv());
            p.join();
        }
    }
}
