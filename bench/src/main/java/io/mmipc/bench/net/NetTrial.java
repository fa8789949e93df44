package io.mmipc.bench.net;

import io.mmipc.bench.support.Payload;
import io.mmipc.bench.support.PeerJvm;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What {@link NetBenchmark} and {@link NetThroughputBenchmark} share: a {@link NetPeer} in another
 * JVM and this JVM's side of the contender, set up once per trial.
 * <p>
 * Across the network stack: mmipc's network Pipe (Aeron UDP, encrypted and authenticated frames) beside raw
 * Aeron UDP publication/subscription and TCP carrying Java-serialized byte arrays, at 64 B and
 * 64 KiB, round trip and one-way throughput, between this JVM and a {@link NetPeer} over the
 * loopback address ({@link NetLink} says why not namespaces). Every receiver checksums every byte.
 */
@State(Scope.Benchmark)
public abstract class NetTrial
{
    public enum Carrier
    {
        MMIPC_AERON,
        RAW_AERON_UDP,
        TCP_JAVA_SERIALIZATION
    }

    @Param
    public Carrier netContender;

    @Param({"64", "65536"})
    public int size;

    PeerJvm peer;
    NetLink link;
    UnsafeBuffer message;
    private Path secret;

    /**
     * @return "echo" or "sink": what the peer does with each message.
     */
    abstract String peerMode();

    @Setup(Level.Trial)
    public void setup() throws Exception
    {
        message = new UnsafeBuffer(Payload.create(size));
        final int port = netContender == Carrier.TCP_JAVA_SERIALIZATION ? freeTcpPort() : freeUdpPort();
        final int replyPort = freeUdpPort();
        secret = Files.createTempFile("mmipc-bench", ".secret",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(secret, "the benchmark's shared secret, 32 bytes".getBytes(StandardCharsets.US_ASCII));
        peer = PeerJvm.start(NetPeer.class, netContender.name(), peerMode(), "" + size, "" + port, "" + replyPort,
            secret.toString());
        link = switch (netContender)
        {
            case MMIPC_AERON -> new NetLink.Mmipc(size, false, port, secret);
            case RAW_AERON_UDP -> new NetLink.RawAeron(size, false, port, replyPort);
            case TCP_JAVA_SERIALIZATION -> NetLink.Tcp.connect(size, port);
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception
    {
        try
        {
            if ("echo".equals(peerMode()))
            {
                link.received.checkIntact("NetTrial " + netContender);
            }
        }
        finally
        {
            link.close();
            peer.close();
            Files.deleteIfExists(secret);
        }
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
