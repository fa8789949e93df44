package io.mmipc.bench.peers;

import io.mmipc.bench.support.PeerJvm;
import io.mmipc.bench.support.SerializedFrames;
import io.mmipc.bench.support.Tally;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The other JVM of {@link TcpLoopbackBenchmark}: accepts one loopback connection, reads
 * Java-serialized frames from it and checksums every byte of each, then drops it ("sink") or writes
 * it back ("echo"). It exits (code 3) if a message was not the payload sent.
 */
public final class TcpPeer
{
    private TcpPeer()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final boolean echo = args[0].equals("echo");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            System.out.println("PORT " + server.getLocalPort());
            PeerJvm.signalReady();
            try (Socket socket = server.accept())
            {
                socket.setTcpNoDelay(true);
                final SerializedFrames frames = new SerializedFrames(socket.getInputStream(),
                    echo ? socket.getOutputStream() : null);
                final Tally received = new Tally(TcpLoopbackBenchmark.SIZE);
                final String consumer = "TcpPeer " + args[0];
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
}
