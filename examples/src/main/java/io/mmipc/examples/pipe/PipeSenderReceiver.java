package io.mmipc.examples.pipe;

import io.mmipc.EndOfStreamException;
import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.Pipe;
import io.mmipc.PipeEnd;
import io.mmipc.codec.Codecs;

import java.util.List;

/**
 * The one-way sender and the receiver that reads until end-of-stream (seed 002, "Using Pipe for
 * Two-Way Communication"). In Python the receiver hangs on {@code EOFError} that never comes: the
 * parent still holds a copy of the sending end (CPython gh-87971). mmipc's pipe holds no end open
 * on creation, so the receiver sees end-of-stream once the sender closes its end.
 */
public final class PipeSenderReceiver
{
    /** Sending process. */
    static void sender(final PipeEnd<String> conn) throws InterruptedException
    {
        final List<String> messages = List.of("Message 1", "Message 2", "Message 3");
        for (final String msg : messages)
        {
            conn.send(msg);
            System.out.println("Sent: " + msg);
            Thread.sleep(1_000);
        }
        conn.close();
    }

    /** Receiving process. */
    static void receiver(final PipeEnd<String> conn) throws InterruptedException
    {
        while (true)
        {
            try
            {
                final String msg = conn.recv();
                System.out.println("Received: " + msg);
            }
            catch (final EndOfStreamException e)   // except EOFError:
            {
                break;
            }
        }
        conn.close();
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            // Creating pipe
            final Pipe<String> pipe = ctx.pipe("pipe", Codecs.utf8());
            final PipeEnd<String> parentConn = pipe.end1();
            final PipeEnd<String> childConn = pipe.end2();

            // Creating processes
            final JvmProcess senderProcess = JvmProcess.of(() -> sender(childConn));
            final JvmProcess receiverProcess = JvmProcess.of(() -> receiver(parentConn));

            // Starting processes
            senderProcess.start();
            receiverProcess.start();

            // Waiting for completion
            senderProcess.join();
            receiverProcess.join();
        }
    }
}
