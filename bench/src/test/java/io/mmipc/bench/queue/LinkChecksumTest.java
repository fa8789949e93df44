package io.mmipc.bench.queue;

import com.sun.management.ThreadMXBean;
import io.mmipc.IpcContext;
import io.mmipc.bench.support.Payload;
import io.mmipc.bench.support.PeerJvm;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every transport's consumer checksums the whole payload, and the in-place ones allocate nothing
 * doing so; in one JVM (the benchmarks do the same across two).
 */
class LinkChecksumTest
{
    private static final int SIZE = 1027;

    @ParameterizedTest
    @EnumSource(Transport.class)
    @Timeout(60)
    void everyConsumerChecksumsTheWholePayload(final Transport transport) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final Path dir = ctx.directory();
            transport.prepare(dir, "t", SIZE);
            // An OS pipe's open waits for the other side: open the sender in another thread.
            final CompletableFuture<Link> sending = CompletableFuture.supplyAsync(() -> open(transport, dir, true));
            try (Link receiver = transport.open(dir, "t", SIZE, false); Link sender = sending.get())
            {
                for (int i = 0; i < 3; i++)
                {
                    sender.send();
                    receiver.receive();
                }
                assertEquals(3, receiver.received().messages());
                assertEquals(0, receiver.received().corrupted());
                assertEquals(3 * Payload.checksum(Payload.create(SIZE)), receiver.checksum());
            }
        }
    }

    @Test
    @Timeout(60)
    void theInPlaceHandlersSeeACorruptedLastByte() throws Exception
    {
        final byte[] corrupted = Payload.create(SIZE);
        corrupted[SIZE - 1]++;
        final UnsafeBuffer buffer = new UnsafeBuffer(corrupted);
        try (IpcContext ctx = IpcContext.create())
        {
            final Path dir = ctx.directory();
            Transport.AGRONA_RAW.prepare(dir, "raw", SIZE);
            Transport.MMIPC_ZERO_COPY.prepare(dir, "zc", SIZE);
            try (AgronaRingLink raw = (AgronaRingLink)Transport.AGRONA_RAW.open(dir, "raw", SIZE, false);
                 MmipcZeroCopyLink zeroCopy = (MmipcZeroCopyLink)Transport.MMIPC_ZERO_COPY.open(dir, "zc", SIZE, false))
            {
                raw.onMessage(1, buffer, 0, SIZE);
                zeroCopy.onMessage(buffer, 0, SIZE);
                assertEquals(1, raw.received().corrupted());
                assertEquals(1, zeroCopy.received().corrupted());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"MMIPC_ZERO_COPY", "AGRONA_RAW"})
    @Timeout(60)
    void theInPlaceConsumersAllocateNothing(final Transport transport) throws Exception
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (IpcContext ctx = IpcContext.create())
        {
            transport.prepare(ctx.directory(), "t", SIZE);
            try (Link sender = transport.open(ctx.directory(), "t", SIZE, true);
                 Link receiver = transport.open(ctx.directory(), "t", SIZE, false))
            {
                final long id = Thread.currentThread().getId();
                sendAndReceive(sender, receiver, 10_000);
                final long before = threads.getThreadAllocatedBytes(id);
                sendAndReceive(sender, receiver, 100_000);
                final long allocated = threads.getThreadAllocatedBytes(id) - before;
                // An object per message would be 1.6 MB at least; one-off costs (compilation, lazy set-up) stay far below.
                assertTrue(allocated < 100_000, allocated + " bytes allocated for 100,000 messages");
                assertEquals(0, receiver.received().corrupted());
            }
        }
    }

    /** A peer that reads nothing and waits to be stopped. */
    public static final class IdlePeer
    {
        public static void main(final String[] args) throws InterruptedException
        {
            PeerJvm.signalReady();
            Thread.currentThread().join();
        }
    }

    @Test
    @Timeout(60)
    void aSenderFailsInsteadOfSpinningForeverOnceItsPeerHasDied() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(); PeerJvm peer = PeerJvm.start(IdlePeer.class))
        {
            peer.close(); // as if it had exited on a corrupted message
            Transport.AGRONA_RAW.prepare(ctx.directory(), "t", SIZE);
            try (Link sender = Transport.AGRONA_RAW.open(ctx.directory(), "t", SIZE, true))
            {
                sender.watch(peer);
                final IllegalStateException ex = assertThrows(IllegalStateException.class, () ->
                {
                    while (true)
                    {
                        sender.send(); // nobody reads: the ring fills, then send spins until it sees the peer dead
                    }
                });
                assertTrue(ex.getMessage().contains("died"), ex.getMessage());
            }
        }
    }

    private static void sendAndReceive(final Link sender, final Link receiver, final int messages)
    {
        for (int i = 0; i < messages; i++)
        {
            sender.send();
            receiver.receive();
        }
    }

    private static Link open(final Transport transport, final Path dir, final boolean send)
    {
        try
        {
            return transport.open(dir, "t", SIZE, send);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
