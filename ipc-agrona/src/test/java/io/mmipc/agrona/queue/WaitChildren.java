package io.mmipc.agrona.queue;

import io.mmipc.Connection;
import io.mmipc.MessageQueue;
import io.mmipc.PipeEnd;

import java.util.List;

/**
 * Child JVM programs of {@link ConnectionWaitTest}.
 */
public final class WaitChildren
{
    private WaitChildren()
    {
    }

    /**
     * Opens every pipe end it is given, prints READY, then answers each message that arrives on
     * any of them (found with {@link Connection#wait}) with the message plus one, on the same end,
     * until a message -1 (then exits with 0). Args: end handles.
     */
    public static final class Answerer
    {
        public static void main(final String[] args) throws Exception
        {
            final PipeEnd<Long>[] ends = open(args);
            System.out.println("READY");
            while (true)
            {
                for (final PipeEnd<Long> end : Connection.wait(List.of(ends)))
                {
                    final long value = end.recv();
                    if (value == -1)
                    {
                        System.out.println("DONE");
                        return;
                    }
                    end.send(value + 1);
                }
            }
        }
    }

    /**
     * Opens every pipe end it is given, prints READY and blocks until killed. Args: end handles.
     */
    public static final class Holder
    {
        public static void main(final String[] args) throws Exception
        {
            open(args);
            System.out.println("READY");
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /**
     * Prints READY, takes one message from its first queue and puts it, plus one, on its second.
     * Args: queue handles (requests, replies).
     */
    public static final class QueueRelay
    {
        public static void main(final String[] args) throws Exception
        {
            final MessageQueue<Long> requests = Handles.decode(args[0]);
            final MessageQueue<Long> replies = Handles.decode(args[1]);
            System.out.println("READY");
            replies.put(requests.take() + 1);
            System.out.println("DONE");
        }
    }

    @SuppressWarnings("unchecked")
    private static PipeEnd<Long>[] open(final String[] handles)
    {
        final PipeEnd<Long>[] ends = new PipeEnd[handles.length];
        for (int i = 0; i < handles.length; i++)
        {
            ends[i] = Handles.decode(handles[i]);
            ends[i].open();
        }
        return ends;
    }
}
