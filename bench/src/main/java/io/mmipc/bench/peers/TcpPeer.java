package io.mmipc.bench.peers;

import io.mmipc.bench.support.PeerJvm;
import io.mmipc.bench.support.SerializedFrames;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The other JVM of {@link TcpLoopbackBenchmark}: accepts one loopback connection and reads
 * Java-serialized frames from it, dropping them ("sink") or writing each back ("echo").
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
                Object message;
                while ((message = frames.read()) != null)
                {
                    if (echo)
                    {
                        frames.write(message);
                    }
                }
            }
        }
    }
}
