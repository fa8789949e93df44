package io.mmipc.aeron;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.mmipc.EndOfStreamException;
import io.mmipc.IpcContext;
import io.mmipc.MessageQueue;
import io.mmipc.NetworkOptions;
import io.mmipc.PipeEnd;
import io.mmipc.codec.Codecs;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The programs the namespace suite runs, one JVM per node (each in its own network namespace
 * with a private {@code /dev/shm}). Progress goes to stdout, one line each, for the test to read.
 * <pre>
 *   home     HOST PORT SECRET_FILE MODE COUNT [CHECK_SECONDS]
 *                                                MODE queue: take COUNT messages in order, then check that no
 *                                                more arrives for CHECK_SECONDS (default 1)
 *                                                MODE pipe: receive on end 1 until end-of-stream
 *   producer HOST HOME_HOST HOME_PORT SECRET_FILE COUNT PAUSE_MICROS
 *   piper    HOST HOME_HOST HOME_PORT SECRET_FILE   sends on end 2 until killed or the home is gone
 *   attacker HOST HOME_HOST HOME_PORT               wrong secret, then forged frames on the queue's stream
 * </pre>
 */
public final class NetProbe
{
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(3);
    /** Every LARGE_EVERY-th message is LARGE bytes: it travels in several chunks. */
    static final int LARGE_EVERY = 250;
    static final int LARGE = 150_000;

    private NetProbe()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        switch (args[0])
        {
            case "home" -> home(args[1], Integer.parseInt(args[2]), Paths.get(args[3]), args[4], Integer.parseInt(args[5]),
                args.length > 6 ? Integer.parseInt(args[6]) : 1);
            case "producer" -> producer(args[1], args[2], Integer.parseInt(args[3]), Paths.get(args[4]),
                Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            case "piper" -> piper(args[1], args[2], Integer.parseInt(args[3]), Paths.get(args[4]));
            case "attacker" -> attacker(args[1], args[2], Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown probe " + args[0]);
        }
    }

    static byte[] message(final long seq)
    {
        final byte[] bytes = new byte[seq % LARGE_EVERY == 0 ? LARGE : 64];
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.putLong(seq);
        for (int i = 8; i < bytes.length; i++)
        {
            bytes[i] = (byte)(seq + i);
        }
        return bytes;
    }

    static boolean isMessage(final byte[] bytes, final long seq)
    {
        if (bytes.length != (seq % LARGE_EVERY == 0 ? LARGE : 64) || ByteBuffer.wrap(bytes).getLong() != seq)
        {
            return false;
        }
        for (int i = 8; i < bytes.length; i++)
        {
            if (bytes[i] != (byte)(seq + i))
            {
                return false;
            }
        }
        return true;
    }

    private static void home(final String host, final int port, final Path secret, final String mode, final int count,
        final int checkSeconds) throws Exception
    {
        try (IpcContext ctx = IpcContext.builder().network(NetworkOptions.node(host, port).secretFile(secret)
            .peerTimeout(PEER_TIMEOUT)).build())
        {
            final MessageQueue<byte[]> queue = ctx.queue("q", Codecs.bytes());
            final PipeEnd<byte[]> end1 = ctx.pipe("p", Codecs.bytes()).end1();
            System.out.println("READY");
            if (mode.equals("queue"))
            {
                for (long seq = 0; seq < count; seq++)
                {
                    final byte[] got = queue.poll(60, TimeUnit.SECONDS);
                    if (got == null || !isMessage(got, seq))
                    {
                        System.out.println("BAD at " + seq + ": " + (got == null ? "nothing" : got.length + " bytes"));
                        System.exit(2);
                    }
                    if (seq % 200 == 0)
                    {
                        System.out.println("GOT " + seq);
                    }
                }
                final byte[] extra = queue.poll(checkSeconds, TimeUnit.SECONDS);
                System.out.println(extra == null ? "DONE " + count + " refused=" + queue.skippedMessages() :
                    "BAD extra message of " + extra.length + " bytes");
                System.exit(extra == null ? 0 : 2);
            }
            long seq = 0;
            final long start;
            try
            {
                while (true)
                {
                    final byte[] got = end1.recv(60, TimeUnit.SECONDS);
                    if (got == null || !isMessage(got, seq))
                    {
                        System.out.println("BAD at " + seq);
                        System.exit(2);
                    }
                    if (++seq % 100 == 0)
                    {
                        System.out.println("GOT " + seq);
                    }
                }
            }
            catch (final EndOfStreamException eof)
            {
                System.out.println("EOS after " + seq + ": " + eof.getMessage());
            }
        }
    }

    private static IpcContext remote(final String host, final String homeHost, final int homePort, final Path secret)
    {
        return IpcContext.builder().network(NetworkOptions.node(host, 0).home(homeHost, homePort).secretFile(secret)
            .peerTimeout(PEER_TIMEOUT)).build();
    }

    private static void producer(final String host, final String homeHost, final int homePort, final Path secret,
        final int count, final int pauseMicros) throws Exception
    {
        try (IpcContext ctx = remote(host, homeHost, homePort, secret))
        {
            final MessageQueue<byte[]> queue = ctx.openQueue("q", Codecs.bytes());
            for (long seq = 0; seq < count; seq++)
            {
                if (!queue.offer(message(seq), 60, TimeUnit.SECONDS))
                {
                    System.out.println("BAD offer " + seq + " timed out");
                    System.exit(2);
                }
                if (pauseMicros > 0)
                {
                    TimeUnit.MICROSECONDS.sleep(pauseMicros); // pacing, not synchronisation
                }
            }
            System.out.println("SENT " + count);
        }
    }

    private static void piper(final String host, final String homeHost, final int homePort, final Path secret)
        throws Exception
    {
        try (IpcContext ctx = remote(host, homeHost, homePort, secret))
        {
            final PipeEnd<byte[]> end2 = ctx.openPipe("p", Codecs.bytes()).end2();
            long seq = 0;
            try
            {
                for (; ; seq++)
                {
                    end2.send(message(seq));
                    TimeUnit.MICROSECONDS.sleep(200); // pacing until the test kills this JVM or the home
                }
            }
            catch (final EndOfStreamException eof)
            {
                System.out.println("EOS after " + seq + ": " + eof.getMessage());
            }
        }
    }

    private static void attacker(final String host, final String homeHost, final int homePort) throws Exception
    {
        // Frames shaped like the real ones on the queue's stream, sealed with a guess.
        final String dir = Files.createTempDirectory("attacker").toString();
        try (MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context().aeronDirectoryName(dir)
            .threadingMode(ThreadingMode.SHARED).dirDeleteOnShutdown(true));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            ExclusivePublication pub = aeron.addExclusivePublication(AeronNode.channel(homeHost, homePort),
                StreamIds.in(StreamIds.QUEUE, "q")))
        {
            final byte[] frame = new byte[64 + FrameDescriptor.SEALED_OVERHEAD];
            int sent = 0;
            final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < end)
            {
                ThreadLocalRandom.current().nextBytes(frame);
                frame[0] = sent % 3 == 0 ? FrameDescriptor.DATA : sent % 3 == 1 ? FrameDescriptor.RESPONSE :
                    FrameDescriptor.READY;
                frame[FrameDescriptor.SEALED_FLAGS_OFFSET] = FrameDescriptor.FLAG_FIRST | FrameDescriptor.FLAG_LAST;
                frame[FrameDescriptor.SEALED_VERSION_OFFSET] = FrameDescriptor.VERSION;
                new UnsafeBuffer(frame).putLong(FrameDescriptor.SEQUENCE_OFFSET, sent);
                if (pub.offer(new UnsafeBuffer(frame)) > 0)
                {
                    sent++;
                }
                TimeUnit.MILLISECONDS.sleep(1); // pacing
            }
            System.out.println("FORGED " + sent);
        }
        final byte[] wrong = new byte[32];
        ThreadLocalRandom.current().nextBytes(wrong);
        final Path secret = Files.createTempFile("wrong", ".secret");
        Files.write(secret, wrong);
        try (IpcContext ctx = remote(host, homeHost, homePort, secret))
        {
            final MessageQueue<byte[]> queue = ctx.openQueue("q", Codecs.bytes());
            System.out.println(queue.offer(message(0), 5, TimeUnit.SECONDS) ? "BAD accepted" : "REFUSED");
        }
        finally
        {
            Files.delete(secret);
        }
    }
}
