package io.mmipc.bench.wake;

import io.mmipc.Idle;
import io.mmipc.IpcContext;
import io.mmipc.Pipe;
import io.mmipc.QueueOptions;
import io.mmipc.bench.queue.Transport;
import io.mmipc.codec.Codecs;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;

/**
 * The contenders of the request/response suites: a duplex channel between the benchmark JVM and
 * its peer ({@link ExchangePeer}). The benchmark JVM {@link #prepare}s it before the peer starts;
 * the peer {@link #serve}s its side, and the benchmark {@link #open}s its own. Requests go on
 * "requests", replies on "replies".
 */
public enum ExchangeContender
{
    /** The default many-to-many {@code MessageQueue<byte[]>}, default options, two of them. */
    MMIPC_QUEUE
    {
        @Override
        Exchange open(final Path dir, final int size, final boolean benchmarkSide)
        {
            return queues(dir, size, benchmarkSide, QueueOptions.defaults());
        }
    },
    /** The one-to-one queue ({@code oneToOne(true)}), otherwise default options. */
    MMIPC_QUEUE_ONE_TO_ONE
    {
        @Override
        Exchange open(final Path dir, final int size, final boolean benchmarkSide)
        {
            return queues(dir, size, benchmarkSide, QueueOptions.defaults().oneToOne(true));
        }
    },
    /** The default many-to-many queue whose waits busy-spin ({@code idle(Idle.busySpin())}). */
    MMIPC_QUEUE_BUSY_SPIN
    {
        @Override
        Exchange open(final Path dir, final int size, final boolean benchmarkSide)
        {
            return queues(dir, size, benchmarkSide, QueueOptions.defaults().idle(Idle.busySpin()));
        }
    },
    /** A duplex {@code Pipe<byte[]>}, default options: end 1 in the benchmark, end 2 in the peer. */
    MMIPC_PIPE
    {
        @Override
        Exchange open(final Path dir, final int size, final boolean benchmarkSide)
        {
            final Pipe<byte[]> pipe = IpcContext.joined(dir).pipe("exchange");
            return new MmipcPipeExchange(benchmarkSide ? pipe.end1() : pipe.end2(), size);
        }
    },
    /** Java-serialized {@code byte[]} over two OS pipes, blocking: CPython's {@code multiprocessing.Pipe}. */
    OS_PIPE
    {
        @Override
        void prepare(final Path dir, final int size) throws IOException
        {
            Transport.OS_PIPE.prepare(dir, REQUESTS, size);
            Transport.OS_PIPE.prepare(dir, REPLIES, size);
        }

        @Override
        Exchange open(final Path dir, final int size, final boolean benchmarkSide) throws IOException
        {
            // a FIFO's open waits for the other side: both sides open "requests" first
            final var requests = Transport.OS_PIPE.open(dir, REQUESTS, size, benchmarkSide);
            final var replies = Transport.OS_PIPE.open(dir, REPLIES, size, !benchmarkSide);
            return benchmarkSide ?
                new SerializedPipeExchange(requests, replies, size) :
                new SerializedPipeExchange(replies, requests, size);
        }
    },
    /** A blocking Unix domain stream socket. */
    UNIX_SOCKET
    {
        @Override
        Exchange serve(final Path dir, final int size, final Runnable ready) throws IOException
        {
            final ServerSocketChannel server = UnixSocketExchange.listen(dir);
            ready.run();
            return UnixSocketExchange.accept(server, size);
        }

        @Override
        Exchange open(final Path dir, final int size, final boolean benchmarkSide) throws IOException
        {
            return UnixSocketExchange.connect(dir, size);
        }
    };

    static final String REQUESTS = "requests";
    static final String REPLIES = "replies";

    /**
     * Makes the channel's files in the benchmark JVM, before the peer starts.
     */
    void prepare(final Path dir, final int size) throws IOException
    {
    }

    /**
     * Opens the peer's side; runs {@code ready} once the benchmark may open its own (before the
     * peer's open where that open waits for the benchmark's, as a FIFO's does).
     */
    Exchange serve(final Path dir, final int size, final Runnable ready) throws IOException
    {
        ready.run();
        return open(dir, size, false);
    }

    abstract Exchange open(Path dir, int size, boolean benchmarkSide) throws IOException;

    private static Exchange queues(final Path dir, final int size, final boolean benchmarkSide,
        final QueueOptions options)
    {
        final IpcContext ctx = IpcContext.joined(dir);
        final var requests = ctx.queue(REQUESTS, Codecs.bytes(), options);
        final var replies = ctx.queue(REPLIES, Codecs.bytes(), options);
        return benchmarkSide ?
            new MmipcQueueExchange(requests, replies, size) :
            new MmipcQueueExchange(replies, requests, size);
    }
}
