package io.mmipc.bench.support;

import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.internal.launch.ChildOutput;
import io.mmipc.internal.launch.JvmLauncher;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The other JVM of a cross-process benchmark, started in {@code @Setup(Level.Trial)} through
 * mmipc's launcher (so it is a real second process with the same class path and flags) and stopped
 * in {@code @TearDown}. The peer prints {@link #READY} once it is set up, so JVM start-up never
 * falls inside a measurement.
 */
public final class PeerJvm implements AutoCloseable
{
    /** The line a peer prints once it is ready to serve. */
    public static final String READY = "PEER-READY";

    /** JVM options of every peer: a steady JIT and a small heap. */
    public static final List<String> PEER_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx256m");

    private final ChildJvm child;

    private PeerJvm(final ChildJvm child)
    {
        this.child = child;
    }

    /**
     * Starts {@code main} with {@code args} and waits until it prints {@link #READY}.
     */
    public static PeerJvm start(final Class<?> main, final String... args) throws IOException, InterruptedException
    {
        final List<String> options = new ArrayList<>(PEER_OPTIONS);
        final ChildJvm child = JvmLauncher.mainClass(main)
            .args(args)
            .jvmOptions(options)
            .output(ChildOutput.prefixedAndCaptured("[peer " + main.getSimpleName() + "] "))
            .start();
        final PeerJvm peer = new PeerJvm(child);
        peer.awaitReady(Duration.ofSeconds(60));
        return peer;
    }

    /**
     * For a peer's main: announces that it is ready.
     */
    public static void signalReady()
    {
        System.out.println(READY);
        System.out.flush();
    }

    public long pid()
    {
        return child.pid();
    }

    /**
     * @return the rest of the first line the peer printed that starts with {@code prefix} (a port, a path).
     * @throws IllegalStateException when it printed none.
     */
    public String outputLine(final String prefix)
    {
        for (final String line : child.stdout().split("\n"))
        {
            if (line.startsWith(prefix))
            {
                return line.substring(prefix.length()).trim();
            }
        }
        throw new IllegalStateException("peer " + child + " printed no line starting with \"" + prefix + "\"");
    }

    public boolean isAlive()
    {
        return child.isAlive();
    }

    /**
     * @throws IllegalStateException when the peer died: a benchmark must not go on measuring nothing.
     */
    public void checkAlive()
    {
        if (!child.isAlive())
        {
            throw new IllegalStateException("peer " + child + " died; its output:\n" + child.stdout() + child.stderr());
        }
    }

    /**
     * Asks the peer to stop (SIGTERM), then kills it if it has not stopped within two seconds.
     */
    @Override
    public void close()
    {
        child.terminate();
        try
        {
            if (!child.waitFor(Duration.ofSeconds(2)))
            {
                child.kill();
                child.waitFor(Duration.ofSeconds(5));
            }
        }
        catch (final InterruptedException ex)
        {
            child.kill();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!child.stdout().contains(READY))
        {
            if (!child.isAlive() || System.nanoTime() > deadline)
            {
                child.kill();
                throw new IllegalStateException("peer " + child + " not ready; its output:\n" + child.stdout() +
                    child.stderr());
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }
}
