package io.mmipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How a context reaches other hosts: this node's address, the home node whose objects it opens,
 * the shared secret and the media driver. Immutable: each setter returns a copy. Given to
 * {@link IpcContextBuilder#network(NetworkOptions)}, it selects the {@code "aeron"} transport
 * (the {@code mmipc-ipc-aeron} module).
 * <pre>{@code
 * byte[] secret = ...;                                           // at least 16 bytes, the same on every node
 * IpcContext home = IpcContext.builder().name("jobs")
 *     .network(NetworkOptions.node("10.0.0.1", 40123).secret(secret)).build();
 * IpcContext worker = IpcContext.builder().name("jobs")
 *     .network(NetworkOptions.node("10.0.0.2", 0).home("10.0.0.1", 40123).secret(secret)).build();
 * }</pre>
 * A context without a {@link #home} is the home of the objects it creates; one with a home opens
 * the objects of that node by name. The secret never travels: not in handles, not on the wire.
 */
public final class NetworkOptions
{
    /** How long a silent peer counts as alive: end-of-stream comes this long after a node dies. */
    public static final Duration DEFAULT_PEER_TIMEOUT = Duration.ofSeconds(5);
    /**
     * How close together small messages must come to share a frame, and how long a frame waits for
     * more: 5 µs. A message sent on its own (a request, a reply) never waits.
     */
    public static final Duration DEFAULT_BATCH_LINGER = Duration.ofNanos(5_000);
    /** The shortest secret accepted: 128 bits. */
    public static final int MIN_SECRET_LENGTH = 16;

    private final String host;
    private final int port;
    private final String homeHost;
    private final int homePort;
    private final byte[] secret;
    private final Path secretFile;
    private final Path aeronDir;
    private final boolean externalDriver;
    private final Duration peerTimeout;
    private final Duration batchLinger;

    private NetworkOptions(final String host, final int port, final String homeHost, final int homePort,
        final byte[] secret, final Path secretFile, final Path aeronDir, final boolean externalDriver,
        final Duration peerTimeout, final Duration batchLinger)
    {
        this.host = host;
        this.port = port;
        this.homeHost = homeHost;
        this.homePort = homePort;
        this.secret = secret;
        this.secretFile = secretFile;
        this.aeronDir = aeronDir;
        this.externalDriver = externalDriver;
        this.peerTimeout = peerTimeout;
        this.batchLinger = batchLinger;
    }

    /**
     * @param host this node's address as the other nodes reach it (an interface address, not 0.0.0.0).
     * @param port this node's UDP port; 0 for a node that only opens other nodes' objects (each
     *             object then listens on a port of the system's choice).
     */
    public static NetworkOptions node(final String host, final int port)
    {
        return new NetworkOptions(checkHost("host", host), checkPort("port", port), null, 0, null, null, null,
            false, DEFAULT_PEER_TIMEOUT, DEFAULT_BATCH_LINGER);
    }

    /**
     * @param host the address of the node whose objects this context opens.
     * @param port its UDP port (not 0).
     */
    public NetworkOptions home(final String host, final int port)
    {
        if (port == 0)
        {
            throw new IllegalArgumentException("home port must be a port the home node listens on, got 0");
        }
        return new NetworkOptions(this.host, this.port, checkHost("home host", host), checkPort("home port", port),
            secret, secretFile, aeronDir, externalDriver, peerTimeout, batchLinger);
    }

    /**
     * @param value the shared secret (Python's {@code authkey}), at least {@link #MIN_SECRET_LENGTH} bytes.
     */
    public NetworkOptions secret(final byte[] value)
    {
        return new NetworkOptions(host, port, homeHost, homePort, checkSecret("secret", value).clone(), null,
            aeronDir, externalDriver, peerTimeout, batchLinger);
    }

    /**
     * @param file a file that holds the shared secret (read when the context starts; keep it {@code 0600}).
     */
    public NetworkOptions secretFile(final Path file)
    {
        return new NetworkOptions(host, port, homeHost, homePort, null, Objects.requireNonNull(file, "secretFile"),
            aeronDir, externalDriver, peerTimeout, batchLinger);
    }

    /**
     * @param dir where the embedded media driver keeps its files (default: a fresh owner-only
     *            directory under {@code /dev/shm} or the temp directory, removed on close).
     */
    public NetworkOptions aeronDir(final Path dir)
    {
        return new NetworkOptions(host, port, homeHost, homePort, secret, secretFile,
            Objects.requireNonNull(dir, "aeronDir"), false, peerTimeout, batchLinger);
    }

    /**
     * @param dir the {@code aeron.dir} of a media driver that runs already (started by the user);
     *            this context starts none and removes nothing there.
     */
    public NetworkOptions externalDriver(final Path dir)
    {
        return new NetworkOptions(host, port, homeHost, homePort, secret, secretFile,
            Objects.requireNonNull(dir, "aeronDir"), true, peerTimeout, batchLinger);
    }

    /**
     * @param value how long a peer may stay silent before it counts as gone: end-of-stream,
     *              "nobody connected" and the handshake's deadline (default 5 s, at least 500 ms).
     */
    public NetworkOptions peerTimeout(final Duration value)
    {
        if (value.toMillis() < 500 || value.toSeconds() > 3600)
        {
            throw new IllegalArgumentException("peerTimeout must be in [500 ms, 1 h], got " + value);
        }
        return new NetworkOptions(host, port, homeHost, homePort, secret, secretFile, aeronDir, externalDriver,
            value, batchLinger);
    }

    /**
     * @param value how close together small messages (up to 256 bytes) sent through one object
     *              must come to share one authenticated frame, and how long such a frame waits
     *              for more before it goes ({@link #DEFAULT_BATCH_LINGER}; at most 1 ms).
     *              {@link Duration#ZERO} sends every message in a frame of its own. A message
     *              that comes after a pause goes at once: batching costs a stream's last message
     *              up to this long, and a lone message nothing.
     */
    public NetworkOptions batchLinger(final Duration value)
    {
        if (value.isNegative() || value.toNanos() > 1_000_000)
        {
            throw new IllegalArgumentException("batchLinger must be in [0, 1 ms], got " + value);
        }
        return new NetworkOptions(host, port, homeHost, homePort, secret, secretFile, aeronDir, externalDriver,
            peerTimeout, value);
    }

    public String host()
    {
        return host;
    }

    public int port()
    {
        return port;
    }

    /**
     * @return the home node's address, or null when this node is the home of its objects.
     */
    public String homeHost()
    {
        return homeHost;
    }

    public int homePort()
    {
        return homePort;
    }

    public Path aeronDir()
    {
        return aeronDir;
    }

    public boolean externalDriver()
    {
        return externalDriver;
    }

    public Duration peerTimeout()
    {
        return peerTimeout;
    }

    public Duration batchLinger()
    {
        return batchLinger;
    }

    /**
     * @return a copy of the secret, read from {@link #secretFile} when one was given.
     * @throws IllegalStateException when none was given or it is too short.
     */
    public byte[] secret()
    {
        if (secret != null)
        {
            return secret.clone();
        }
        if (secretFile == null)
        {
            throw new IllegalStateException("a network context needs a shared secret: NetworkOptions.secret(...) " +
                "or secretFile(...)");
        }
        try
        {
            return checkSecret("secret file " + secretFile, Files.readAllBytes(secretFile));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the secret file " + secretFile + ": " + ex.getMessage(), ex);
        }
    }

    private static byte[] checkSecret(final String what, final byte[] value)
    {
        Objects.requireNonNull(value, what);
        if (value.length < MIN_SECRET_LENGTH)
        {
            throw new IllegalArgumentException(what + " must have at least " + MIN_SECRET_LENGTH + " bytes, got " +
                value.length);
        }
        return value;
    }

    private static String checkHost(final String what, final String value)
    {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.length() > 255 || value.equals("0.0.0.0") ||
            !value.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == ':'))
        {
            throw new IllegalArgumentException(what + " \"" + value + "\" is not an address other nodes can reach");
        }
        return value;
    }

    private static int checkPort(final String what, final int value)
    {
        if (value < 0 || value > 65535)
        {
            throw new IllegalArgumentException(what + " must be in [0, 65535], got " + value);
        }
        return value;
    }

    @Override
    public String toString()
    {
        return "NetworkOptions{node=" + host + ":" + port + (homeHost != null ? ", home=" + homeHost + ":" +
            homePort : "") + ", secret=" + (secret != null ? "<" + secret.length + " bytes>" :
            secretFile != null ? secretFile : "none") + (aeronDir != null ? ", aeronDir=" + aeronDir +
            (externalDriver ? " (external)" : "") : "") + ", peerTimeout=" + peerTimeout + ", batchLinger=" + batchLinger + "}";
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof NetworkOptions other && host.equals(other.host) && port == other.port &&
            Objects.equals(homeHost, other.homeHost) && homePort == other.homePort &&
            Arrays.equals(secret, other.secret) && Objects.equals(secretFile, other.secretFile) &&
            Objects.equals(aeronDir, other.aeronDir) && externalDriver == other.externalDriver &&
            peerTimeout.equals(other.peerTimeout) && batchLinger.equals(other.batchLinger);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(host, port, homeHost, homePort);
    }
}
