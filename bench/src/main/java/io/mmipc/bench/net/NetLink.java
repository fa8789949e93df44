package io.mmipc.bench.net;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import io.mmipc.IpcContext;
import io.mmipc.NetworkOptions;
import io.mmipc.PipeEnd;
import io.mmipc.codec.Codecs;
import io.mmipc.bench.support.SerializedFrames;
import io.mmipc.bench.support.Tally;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import io.mmipc.Idle;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One side of a network contender: sends a message and receives one, whatever carries it. The
 * benchmark JVM and {@link NetPeer} each hold one. All contenders run over UDP or TCP on the
 * loopback address (network namespaces would need root and a JMH fork per namespace; loopback
 * keeps the network stack and leaves out the wire, for every contender alike).
 */
abstract class NetLink implements AutoCloseable
{
    static final String HOST = "127.0.0.1";
    static final int REQUESTS = 10;
    static final int REPLIES = 11;

    final Tally received;

    NetLink(final int size)
    {
        received = new Tally(size);
    }

    abstract void send(UnsafeBuffer message, int length) throws Exception;

    /**
     * Receives one message, checksumming every byte; waits for it.
     */
    abstract void receive() throws Exception;

    /** The same driver settings as mmipc's node: SHARED threading, a backoff that parks up to 1 ms. */
    static MediaDriver driver(final Path dir)
    {
        return MediaDriver.launchEmbedded(new MediaDriver.Context().aeronDirectoryName(dir.toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, TimeUnit.MILLISECONDS.toNanos(1)))
            .publicationTermBufferLength(1 << 20)
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    /** mmipc's network Pipe, zero-copy on both sides. */
    static final class Mmipc extends NetLink
    {
        final IpcContext ctx;
        final PipeEnd<byte[]> end;
        final io.mmipc.MessageHandler handler = received::add;

        Mmipc(final int size, final boolean home, final int port, final Path secret)
        {
            super(size);
            final NetworkOptions options = home ? NetworkOptions.node(HOST, port).secretFile(secret) :
                NetworkOptions.node(HOST, 0).home(HOST, port).secretFile(secret);
            ctx = IpcContext.builder().network(options).build();
            final io.mmipc.Pipe<byte[]> pipe = home ? ctx.pipe("bench", Codecs.bytes()) :
                ctx.openPipe("bench", Codecs.bytes());
            end = home ? pipe.end1() : pipe.end2();
            end.open();
        }

        @Override
        void send(final UnsafeBuffer message, final int length) throws Exception
        {
            end.send(message, 0, length);
        }

        @Override
        void receive() throws Exception
        {
            end.recv(handler);
        }

        void echo() throws Exception
        {
            end.recv((buffer, offset, length) ->
            {
                received.add(buffer, offset, length);
                try
                {
                    end.send(buffer, offset, length);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            });
        }

        @Override
        public void close()
        {
            end.close();
            ctx.close();
        }
    }

    /** Raw Aeron UDP: an exclusive publication each way, polled with the same backoff as mmipc's waits. */
    static final class RawAeron extends NetLink
    {
        final Path dir;
        final MediaDriver driver;
        final Aeron aeron;
        final ExclusivePublication out;
        final Subscription in;
        final FragmentHandler handler;
        /** mmipc's default wait (spin, yield, park up to 1 ms): spinning pollers starve both drivers on 2 cores. */
        final IdleStrategy idle = Idle.backoff().get();
        boolean got;

        RawAeron(final int size, final boolean peer, final int port, final int replyPort) throws IOException
        {
            super(size);
            dir = Files.createTempDirectory("mmipc-bench-aeron");
            if (peer)
            {
                // The peer JVM ends on SIGTERM without closing its link: its driver's files go in a hook.
                final Path doomed = dir;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> IoUtil.delete(doomed.toFile(), true)));
            }
            driver = driver(dir.resolve("driver"));
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.resolve("driver").toString()));
            in = aeron.addSubscription("aeron:udp?endpoint=" + HOST + ":" + (peer ? port : replyPort),
                peer ? REQUESTS : REPLIES);
            out = aeron.addExclusivePublication("aeron:udp?endpoint=" + HOST + ":" + (peer ? replyPort : port),
                peer ? REPLIES : REQUESTS);
            handler = new FragmentAssembler((buffer, offset, length, header) ->
            {
                received.add(buffer, offset, length);
                got = true;
            });
        }

        @Override
        void send(final UnsafeBuffer message, final int length)
        {
            send((DirectBuffer)message, 0, length);
        }

        void send(final DirectBuffer buffer, final int offset, final int length)
        {
            while (out.offer(buffer, offset, length) < 0)
            {
                Thread.onSpinWait();
            }
        }

        @Override
        void receive()
        {
            got = false;
            idle.reset();
            while (!got)
            {
                idle.idle(in.poll(handler, 1));
            }
        }

        @Override
        public void close()
        {
            out.close();
            in.close();
            aeron.close();
            driver.close();
            IoUtil.delete(dir.toFile(), true); // the driver leaves its cnc and log files behind
        }
    }

    /** TCP on loopback, each message a Java-serialized byte[] in a flushed frame. */
    static final class Tcp extends NetLink
    {
        final Socket socket;
        final SerializedFrames frames;
        final byte[] copy;

        Tcp(final int size, final Socket socket) throws IOException
        {
            super(size);
            this.socket = socket;
            socket.setTcpNoDelay(true);
            frames = new SerializedFrames(socket.getInputStream(), socket.getOutputStream());
            copy = new byte[size];
        }

        static Tcp connect(final int size, final int port) throws IOException
        {
            return new Tcp(size, new Socket(InetAddress.getByName(HOST), port));
        }

        @Override
        void send(final UnsafeBuffer message, final int length) throws IOException
        {
            message.getBytes(0, copy, 0, length);
            frames.write(copy);
        }

        @Override
        void receive() throws Exception
        {
            received.add((byte[])frames.read());
        }

        @Override
        public void close() throws IOException
        {
            socket.close();
        }
    }
}
