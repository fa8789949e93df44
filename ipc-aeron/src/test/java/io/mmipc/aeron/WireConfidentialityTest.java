package io.mmipc.aeron;

import io.mmipc.IpcContext;
import io.mmipc.NetworkOptions;
import io.mmipc.Pipe;
import io.mmipc.PipeEnd;
import io.mmipc.codec.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.mmipc.aeron.LoopbackNetworkTest.PEER_TIMEOUT;
import static io.mmipc.aeron.LoopbackNetworkTest.SECRET;
import static io.mmipc.aeron.LoopbackNetworkTest.freeUdpPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an eavesdropper on the network sees. An Aeron publication's log buffers hold, byte for
 * byte, the frames its driver puts on the wire, so the test reads them in both nodes' driver
 * directories after messages went both ways: the handshake, which names the object in clear, is
 * there (so the scan does see the wire's bytes), and no message is, small (batched) or large
 * (chunked).
 */
@Timeout(120)
class WireConfidentialityTest
{
    private static final String NAME = "wire-check-pipe";
    private static final String MARKER = "confidential-payload-5f1d";

    @TempDir
    Path root;

    @Test
    void theWireCarriesTheHandshakeButNoMessageInClear() throws Exception
    {
        final int port = freeUdpPort();
        final Path homeDriver = root.resolve("home-driver");
        final Path remoteDriver = root.resolve("remote-driver");
        try (IpcContext home = IpcContext.builder().root(root).network(NetworkOptions.node("127.0.0.1", port)
                .secret(SECRET).peerTimeout(PEER_TIMEOUT).aeronDir(homeDriver)).build();
            IpcContext remote = IpcContext.builder().root(root).network(NetworkOptions.node("127.0.0.1", 0)
                .home("127.0.0.1", port).secret(SECRET).peerTimeout(PEER_TIMEOUT).aeronDir(remoteDriver)).build())
        {
            final Pipe<String> pipe = home.pipe(NAME, Codecs.utf8());
            final PipeEnd<String> end1 = pipe.end1();
            final PipeEnd<String> end2 = remote.openPipe(NAME, Codecs.utf8()).end2();
            end2.open();
            final String large = (MARKER + " ").repeat(40 * 1024 / (MARKER.length() + 1));
            for (int i = 0; i < 20; i++)
            {
                end2.send(MARKER + " " + i);
                end1.send(MARKER + " back " + i);
            }
            end2.send(large);
            end1.send(large);
            for (int i = 0; i < 20; i++)
            {
                assertEquals(MARKER + " " + i, end1.recv(10, TimeUnit.SECONDS));
                assertEquals(MARKER + " back " + i, end2.recv(10, TimeUnit.SECONDS));
            }
            assertEquals(large, end1.recv(10, TimeUnit.SECONDS));
            assertEquals(large, end2.recv(10, TimeUnit.SECONDS));

            final byte[] marker = MARKER.getBytes(StandardCharsets.UTF_8);
            for (final Path driver : List.of(remoteDriver, homeDriver))
            {
                final byte[] wire = logBuffers(driver);
                assertTrue(wire.length > 0, "no log buffers under " + driver);
                assertFalse(FrameHostileInputTest.indexOf(wire, marker) >= 0, "a message in clear under " + driver);
            }
            final byte[] name = NAME.getBytes(StandardCharsets.UTF_8);
            assertTrue(FrameHostileInputTest.indexOf(logBuffers(remoteDriver), name) >= 0,
                "the remote's HELLO names the object in clear: the scan reads what went on the wire");
        }
    }

    /** Every publication log buffer of a driver, one after the other. */
    private static byte[] logBuffers(final Path driverDir) throws IOException
    {
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(driverDir.resolve("publications")))
        {
            files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (final Path file : files)
        {
            all.write(Files.readAllBytes(file));
        }
        return all.toByteArray();
    }
}
