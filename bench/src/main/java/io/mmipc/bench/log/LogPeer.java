package io.mmipc.bench.log;

import io.mmipc.bench.support.PeerJvm;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Paths;

/**
 * The other JVM of the durable-log benchmarks, started through {@link PeerJvm}:
 * <ul>
 *   <li>{@code drain CONTENDER DIR}: reads everything appended to DIR (backing off when idle);</li>
 *   <li>{@code echo CONTENDER IN OUT}: busy-spins on IN and appends each message's sequence number to OUT.</li>
 * </ul>
 * It runs until terminated.
 */
public final class LogPeer
{
    private LogPeer()
    {
    }

    public static void main(final String[] args)
    {
        final String mode = args[0];
        final String contender = args[1];
        if (mode.equals("drain"))
        {
            try (LogContender in = LogContenders.open(contender, null, Paths.get(args[2])))
            {
                PeerJvm.signalReady();
                final IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 100_000);
                while (true)
                {
                    idle.idle(in.poll() >= 0 ? 1 : 0);
                }
            }
        }
        else if (mode.equals("echo"))
        {
            try (LogContender channel = LogContenders.open(contender, Paths.get(args[3]), Paths.get(args[2])))
            {
                final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(LogContenders.MESSAGE_LENGTH));
                PeerJvm.signalReady();
                while (true)
                {
                    final long seq = channel.poll();
                    if (seq >= 0)
                    {
                        message.putLong(0, seq);
                        channel.append(message);
                    }
                }
            }
        }
        else
        {
            throw new IllegalArgumentException("usage: LogPeer drain CONTENDER DIR | echo CONTENDER IN OUT");
        }
    }
}
