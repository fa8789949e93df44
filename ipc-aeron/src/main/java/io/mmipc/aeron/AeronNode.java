package io.mmipc.aeron;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.driver.ext.DebugChannelEndpointConfiguration;
import io.aeron.driver.ext.DebugReceiveChannelEndpointSupplier;
import io.aeron.driver.status.SenderPos;
import io.mmipc.NetworkOptions;
import io.mmipc.internal.owner.ProcessIdentity;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One node of a network context: an embedded Aeron media driver (or an external one), an Aeron
 * client, and one agent thread that keeps handshakes and liveness moving for every object of
 * the node while no user thread polls it.
 * <p>
 * <b>Driver settings</b>, chosen for a 2-core host and ordinary Ethernet:
 * <ul>
 * <li>{@link ThreadingMode#SHARED}: one driver thread for conductor, sender and receiver, idling
 *     with a backoff that parks up to 1 ms, never a busy spin.</li>
 * <li>{@link #TERM_LENGTH} 1 MiB terms (3 per publication, sparse files): at most 3 MiB of log per
 *     stream and a largest Aeron message of 128 KiB, above our 64 KiB chunk.</li>
 * <li>{@link #MTU} 1408 bytes, Aeron's default: fits a 1500-byte Ethernet frame with IP/UDP headers.</li>
 * <li>{@link #SOCKET_BUFFER} 2 MiB socket buffers and a {@link #WINDOW} 1 MiB receiver window: one
 *     term in flight, enough for a LAN's bandwidth-delay product (the kernel caps them at
 *     {@code net.core.rmem_max}).</li>
 * <li>Image liveness and publication connection timeouts are the context's peer timeout: a node
 *     that dies is gone for its peers after that long.</li>
 * <li>Closed publications linger {@link #LINGER_NS} (1 s) to repair losses, and closing a node
 *     waits for them, so what a closed producer sent arrives even over a lossy link.</li>
 * </ul>
 * The embedded driver's {@code aeron.dir} is a fresh owner-only directory (under {@code /dev/shm}
 * where it exists) named with this process's pid, removed on close; a node that starts removes
 * those of dead processes.
 */
final class AeronNode implements AutoCloseable
{
    static final int TERM_LENGTH = 1 << 20;
    static final int MTU = 1408;
    static final int SOCKET_BUFFER = 2 << 20;
    static final int WINDOW = 1 << 20;
    /** How long a closed publication stays to repair what its receivers lost (at most the peer timeout). */
    static final long LINGER_NS = TimeUnit.SECONDS.toNanos(1);
    private static final String DIR_PREFIX = "mmipc-aeron-";
    private static final String SECRET_FILE = "secret";

    interface Duty
    {
        /**
         * Moves handshakes and liveness on without delivering messages.
         *
         * @return the work done, for the idle strategy.
         */
        int doDuty(long nowNs);

        /**
         * @return true while this duty holds a batch that must go within the linger: the agent
         *         then sleeps about a linger between rounds instead of backing off to longer parks.
         */
        default boolean lingering()
        {
            return false;
        }

        /**
         * Sends what waits in open batches: the node closes (its agent has stopped).
         */
        default void flush()
        {
        }
    }

    private final NetworkOptions options;
    private final byte[] secret;
    private final Path nodeDir;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final List<Duty> duties = new CopyOnWriteArrayList<>();
    private final Map<String, Object> objects = new ConcurrentHashMap<>();
    private final Thread agent;
    private volatile boolean running = true;

    private AeronNode(final NetworkOptions options, final byte[] secret, final Path nodeDir, final MediaDriver driver,
        final Aeron aeron, final String label)
    {
        this.options = options;
        this.secret = secret;
        this.nodeDir = nodeDir;
        this.driver = driver;
        this.aeron = aeron;
        this.agent = new Thread(this::runDuties, "mmipc-aeron-" + label);
        agent.setDaemon(true);
        agent.start();
    }

    /**
     * Starts a node: its driver (unless external), its client and its agent.
     */
    static AeronNode start(final NetworkOptions options, final String label)
    {
        final byte[] secret = options.secret();
        Path nodeDir = null;
        MediaDriver driver = null;
        try
        {
            nodeDir = newNodeDir();
            final Path secretFile = nodeDir.resolve(SECRET_FILE);
            Files.createFile(secretFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(secretFile, secret);
            final String aeronDir;
            if (options.externalDriver())
            {
                aeronDir = options.aeronDir().toString();
            }
            else
            {
                aeronDir = (options.aeronDir() != null ? options.aeronDir() : nodeDir.resolve("driver")).toString();
                driver = MediaDriver.launchEmbedded(driverContext(aeronDir, options));
            }
            final Aeron aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(aeronDir)
                .idleStrategy(new SleepingMillisIdleStrategy(1))
                .threadFactory(AeronNode::daemon));
            return new AeronNode(options, secret, nodeDir, driver, aeron, label);
        }
        catch (final IOException ex)
        {
            closeDriver(driver, nodeDir);
            throw new UncheckedIOException("cannot start an Aeron node for " + options + ": " + ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            closeDriver(driver, nodeDir);
            throw ex;
        }
    }

    private static MediaDriver.Context driverContext(final String aeronDir, final NetworkOptions options)
    {
        final long peerTimeoutNs = options.peerTimeout().toNanos();
        final MediaDriver.Context ctx = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .warnIfDirectoryExists(false)
            .threadingMode(ThreadingMode.SHARED)
            .sharedThreadFactory(AeronNode::daemon)
            .conductorThreadFactory(AeronNode::daemon)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1),
                TimeUnit.MILLISECONDS.toNanos(1)))
            .publicationTermBufferLength(TERM_LENGTH)
            .ipcTermBufferLength(TERM_LENGTH)
            .termBufferSparseFile(true)
            .mtuLength(MTU)
            .socketRcvbufLength(SOCKET_BUFFER)
            .socketSndbufLength(SOCKET_BUFFER)
            .initialWindowLength(WINDOW)
            .imageLivenessTimeoutNs(peerTimeoutNs)
            .publicationConnectionTimeoutNs(peerTimeoutNs)
            .publicationLingerTimeoutNs(Math.min(peerTimeoutNs, LINGER_NS))
            .spiesSimulateConnection(false);
        if (System.getProperty(DebugChannelEndpointConfiguration.RECEIVE_DATA_LOSS_RATE_PROP_NAME) != null)
        {
            // Aeron's own loss generator, for tests of repair: drops that share of received data frames.
            ctx.receiveChannelEndpointSupplier(new DebugReceiveChannelEndpointSupplier());
        }
        return ctx;
    }

    /**
     * Aeron's threads must not keep a JVM alive whose program has ended (a child JVM's task):
     * nodes close in their context's close, or in the shutdown hook.
     */
    private static Thread daemon(final Runnable task)
    {
        final Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * A fresh owner-only directory; those of dead processes are removed first.
     */
    private static Path newNodeDir() throws IOException
    {
        final Path shm = Paths.get("/dev/shm");
        final Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm :
            Paths.get(System.getProperty("java.io.tmpdir"));
        sweep(base);
        return Files.createTempDirectory(base, DIR_PREFIX + ProcessHandle.current().pid() + "-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    private static void sweep(final Path base)
    {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, DIR_PREFIX + "*"))
        {
            for (final Path dir : dirs)
            {
                final String rest = dir.getFileName().toString().substring(DIR_PREFIX.length());
                final int dash = rest.indexOf('-');
                if (dash > 0 && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) &&
                    Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name")))
                {
                    final long pid = parsePid(rest.substring(0, dash));
                    if (pid > 0 && !ProcessIdentity.isAlive(pid, ProcessIdentity.UNKNOWN_START))
                    {
                        deleteTree(dir);
                    }
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // Sweeping is hygiene: a directory we cannot judge or remove is left for the next node.
        }
    }

    private static long parsePid(final String text)
    {
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    Aeron aeron()
    {
        return aeron;
    }

    NetworkOptions options()
    {
        return options;
    }

    byte[] secret()
    {
        return secret;
    }

    long peerTimeoutNs()
    {
        return options.peerTimeout().toNanos();
    }

    /**
     * @return how close together small messages come to share a frame, and how long one waits; 0 for never.
     */
    long batchLingerNs()
    {
        return options.batchLinger().toNanos();
    }

    /**
     * @return a file that holds the secret, owner-only, for child JVMs of this node (never sent anywhere).
     */
    Path secretFile()
    {
        return nodeDir.resolve(SECRET_FILE);
    }

    /**
     * @return true when this node is the home of its objects (it names no other home).
     */
    boolean isHome()
    {
        return options.homeHost() == null;
    }

    String homeHost()
    {
        return isHome() ? options.host() : options.homeHost();
    }

    int homePort()
    {
        return isHome() ? options.port() : options.homePort();
    }

    static String channel(final String host, final int port)
    {
        final String address = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return "aeron:udp?endpoint=" + address + ":" + port;
    }

    /**
     * @param port the local port, or 0 for one of the system's choice.
     */
    Subscription subscribe(final int port, final int streamId)
    {
        return aeron.addSubscription(channel(options.host(), port), streamId);
    }

    ExclusivePublication publish(final String host, final int port, final int streamId)
    {
        return aeron.addExclusivePublication(channel(host, port), streamId);
    }

    /**
     * @return this node's object of {@code kind} and {@code name}, made by {@code make} when there
     *         is none: one object per name and node, as one file per name in a directory.
     */
    @SuppressWarnings("unchecked")
    <T> T object(final String kind, final String name, final Supplier<T> make)
    {
        if (!running)
        {
            throw new IllegalStateException(this + " is closed");
        }
        return (T)objects.computeIfAbsent(kind + ":" + name, key -> make.get());
    }

    /**
     * @return this node's object of {@code kind} and {@code name}, or null.
     */
    Object existing(final String kind, final String name)
    {
        return objects.get(kind + ":" + name);
    }

    void forget(final String kind, final String name, final Object object)
    {
        objects.remove(kind + ":" + name, object);
    }

    void addDuty(final Duty duty)
    {
        duties.add(duty);
    }

    void removeDuty(final Duty duty)
    {
        duties.remove(duty);
    }

    boolean isClosed()
    {
        return !running;
    }

    private void runDuties()
    {
        final IdleStrategy idle = new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(10),
            TimeUnit.MILLISECONDS.toNanos(1));
        final long lingerNs = batchLingerNs();
        while (running)
        {
            int work = 0;
            boolean lingering = false;
            final long now = System.nanoTime();
            for (final Duty duty : duties)
            {
                try
                {
                    work += duty.doDuty(now);
                    lingering |= duty.lingering();
                }
                catch (final RuntimeException ex)
                {
                    if (running)
                    {
                        System.err.println("mmipc: network duty of " + duty + " failed: " + ex);
                    }
                }
            }
            if (work == 0 && lingering)
            {
                // A batch waits: check again in about a linger, without spinning a core meanwhile
                // (the kernel's timer slack makes this tens of microseconds: a burst's last message waits that long).
                LockSupport.parkNanos(lingerNs);
                idle.reset();
            }
            else
            {
                idle.idle(work);
            }
        }
    }

    @Override
    public void close()
    {
        if (!running)
        {
            return;
        }
        running = false;
        try
        {
            agent.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        for (final Duty duty : duties)
        {
            duty.flush(); // a batch sent just before the context closes goes out before the publications linger
        }
        aeron.close();
        awaitLinger();
        closeDriver(driver, nodeDir);
    }

    /**
     * Keeps the embedded driver up while its closed publications linger, so a peer can still have
     * lost frames repaired (with loss, the last ones sent may still be missing at the receiver).
     */
    private void awaitLinger()
    {
        if (driver == null)
        {
            return;
        }
        final long deadline = System.nanoTime() + LINGER_NS + peerTimeoutNs();
        while (System.nanoTime() - deadline < 0 && senderCount() > 0)
        {
            try
            {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private int senderCount()
    {
        final int[] count = {0};
        driver.context().countersManager().forEach((id, typeId, key, label) ->
            count[0] += typeId == SenderPos.SENDER_POSITION_TYPE_ID ? 1 : 0);
        return count[0];
    }

    private static void closeDriver(final MediaDriver driver, final Path nodeDir)
    {
        if (driver != null)
        {
            driver.close();
        }
        if (nodeDir != null)
        {
            deleteTree(nodeDir);
        }
    }

    private static void deleteTree(final Path dir)
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // Left behind; the next node's sweep removes it once this process is gone.
        }
    }

    @Override
    public String toString()
    {
        return "AeronNode(" + options.host() + ":" + options.port() + (isHome() ? ", home" : ", home " +
            options.homeHost() + ":" + options.homePort()) + ")";
    }
}
