package io.mmipc.agrona.queue;

import io.mmipc.EndOfStreamException;
import io.mmipc.PipeEnd;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Child JVM programs of {@link PipeTest}; each gets its pipe end as a serialized handle.
 */
public final class PipeChildren
{
    private PipeChildren()
    {
    }

    /**
     * The tutorial's sender: sends three messages and closes its end.
     */
    public static final class Sender
    {
        public static void main(final String[] args) throws Exception
        {
            final PipeEnd<String> conn = Handles.decode(args[0]);
            for (final String msg : List.of("Message 1", "Message 2", "Message 3"))
            {
                conn.send(msg);
                System.out.println("Sent: " + msg);
            }
            conn.close();
        }
    }

    /**
     * The tutorial's receiver: receives until end-of-stream (Python's EOFError).
     */
    public static final class Receiver
    {
        public static void main(final String[] args) throws Exception
        {
            final PipeEnd<String> conn = Handles.decode(args[0]);
            while (true)
            {
                try
                {
                    final String msg = conn.recv();
                    System.out.println("Received: " + msg);
                }
                catch (final EndOfStreamException eof)
                {
                    break;
                }
            }
            conn.close();
            System.out.println("EOF");
        }
    }

    /**
     * Opens its end, sends the arguments after the handle, then holds the end until killed.
     */
    public static final class Holder
    {
        public static void main(final String[] args) throws Exception
        {
            final PipeEnd<String> conn = Handles.decode(args[0]);
            conn.open();
            for (int i = 1; i < args.length; i++)
            {
                conn.send(args[i]);
            }
            System.out.println("HOLDING");
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }
}
