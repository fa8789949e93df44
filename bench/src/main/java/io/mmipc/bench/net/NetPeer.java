package io.mmipc.bench.net;

import io.aeron.FragmentAssembler;
import io.mmipc.EndOfStreamException;
import io.mmipc.bench.support.PeerJvm;
import io.mmipc.bench.support.SerializedFrames;
import io.mmipc.bench.support.Tally;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Paths;

/**
 * The other JVM of {@link NetTrial}: receives every message, checksums every byte, and sends
 * it back ("echo") or drops it ("sink"). Exits (code 3) if a message was not the payload sent.
 * <pre>
 *   NetPeer CONTENDER MODE SIZE PORT REPLY_PORT SECRET_FILE
 * </pre>
 */
public final class NetPeer
{
    private NetPeer()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final NetTrial.Carrier contender = NetTrial.Carrier.valueOf(args[0]);
        final boolean echo = args[1].equals("echo");
        final int size = Integer.parseInt(args[2]);
        final int port = Integer.parseInt(args[3]);
        final int replyPort = Integer.parseInt(args[4]);
        final String consumer = "NetPeer " + args[0] + " " + args[1];
        switch (contender)
        {
            case MMIPC_AERON ->
            {
                try (NetLink.Mmipc link = new NetLink.Mmipc(size, true, port, Paths.get(args[5])))
                {
                    PeerJvm.signalReady();
                    while (true)
                    {
                        if (echo)
                        {
                            link.echo();
                        }
                        else
                        {
                            link.receive();
                        }
                        link.received.exitIfCorrupted(consumer);
                    }
                }
                catch (final EndOfStreamException benchmarkClosed)
                {
                    // The benchmark's trial ended: its end of the pipe closed.
                }
            }
            case RAW_AERON_UDP ->
            {
                try (NetLink.RawAeron link = new NetLink.RawAeron(size, true, port, replyPort))
                {
                    final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
                    {
                        link.received.add(buffer, offset, length);
                        if (echo)
                        {
                            link.send(buffer, offset, length);
                        }
                    });
                    PeerJvm.signalReady();
                    while (true)
                    {
                        link.idle.idle(link.in.poll(assembler, 16));
                        link.received.exitIfCorrupted(consumer);
                    }
                }
            }
            case TCP_JAVA_SERIALIZATION ->
            {
                try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getByName(NetLink.HOST)))
                {
                    PeerJvm.signalReady();
                    try (Socket socket = server.accept())
                    {
                        socket.setTcpNoDelay(true);
                        final SerializedFrames frames = new SerializedFrames(socket.getInputStream(),
                            echo ? socket.getOutputStream() : null);
                        final Tally received = new Tally(size);
                        Object message;
                        while ((message = frames.read()) != null)
                        {
                            received.add((byte[])message);
                            received.exitIfCorrupted(consumer);
                            if (echo)
                            {
                                frames.write(message);
                            }
                        }
                    }
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
