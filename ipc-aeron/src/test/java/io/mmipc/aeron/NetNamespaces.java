package io.mmipc.aeron;

import io.mmipc.internal.launch.JvmLauncher;
import io.mmipc.test.Children;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Three network namespaces joined as a star, made by this test and removed by it:
 * <pre>
 *   ns1 (10.201.K.2) ==veth== ns0 "home" ==veth== ns2 (10.202.K.2)
 *                   10.201.K.1            10.202.K.1
 * </pre>
 * K is random per run, so parallel runs do not collide; ns1 and ns2 route through ns0. Each JVM
 * runs with {@code ip netns exec NS unshare -m sh -c 'mount -t tmpfs tmpfs /dev/shm && exec java ...'},
 * a private {@code /dev/shm}, so nothing passes between nodes but UDP. Needs root and {@code ip}.
 */
public final class NetNamespaces implements AutoCloseable
{
    static final String PREFIX = "mmipc-t-";

    final String[] names = new String[3];
    final int k = ThreadLocalRandom.current().nextInt(1, 250);
    private final String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    private final List<Process> processes = new ArrayList<>();

    /**
     * Skips the calling test class when namespaces cannot be made here, saying why; under
     * {@code CI=true} that is a failure instead.
     *
     * @param what what needs them, for the message ("the namespace suite").
     */
    public static void requireOrSkip(final String what)
    {
        final String reason = unavailableBecause();
        if (reason != null && "true".equals(System.getenv("CI")))
        {
            org.junit.jupiter.api.Assertions.fail("CI=true but " + what + " cannot run: " + reason);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(reason == null, () -> "skipped: " + reason);
    }

    /**
     * @return a new owner-only file {@code secret} in {@code dir} holding {@code text}.
     */
    public static Path ownerOnlySecret(final Path dir, final String text) throws IOException
    {
        final Path secret = Files.createFile(dir.resolve("secret"), java.nio.file.attribute.PosixFilePermissions
            .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.write(secret, text.getBytes(StandardCharsets.US_ASCII));
        return secret;
    }

    /**
     * @return null when namespaces can be made here, else why not.
     */
    public static String unavailableBecause()
    {
        if (!"root".equals(System.getProperty("user.name")))
        {
            return "network namespaces need root (user is " + System.getProperty("user.name") + ")";
        }
        if (!new File("/usr/sbin/ip").canExecute() && !new File("/sbin/ip").canExecute() &&
            !new File("/usr/bin/ip").canExecute())
        {
            return "no 'ip' command (iproute2)";
        }
        return null;
    }

    public NetNamespaces() throws IOException, InterruptedException
    {
        try
        {
            for (int i = 0; i < names.length; i++)
            {
                names[i] = PREFIX + tag + "-" + i;
                run("ip", "netns", "add", names[i]);
                run("ip", "-n", names[i], "link", "set", "lo", "up");
            }
            link(1, "10.201." + k);
            link(2, "10.202." + k);
        }
        catch (final IOException | RuntimeException ex)
        {
            closeOrInterrupted();
            throw ex;
        }
    }

    private void link(final int other, final String net) throws IOException, InterruptedException
    {
        final String here = "v" + tag + "h" + other;
        final String there = "v" + tag + "r" + other;
        run("ip", "-n", names[0], "link", "add", here, "type", "veth", "peer", "name", there, "netns", names[other]);
        run("ip", "-n", names[0], "addr", "add", net + ".1/24", "dev", here);
        run("ip", "-n", names[other], "addr", "add", net + ".2/24", "dev", there);
        run("ip", "-n", names[0], "link", "set", here, "up");
        run("ip", "-n", names[other], "link", "set", there, "up");
        run("ip", "-n", names[other], "route", "add", "default", "via", net + ".1");
    }

    public String homeAddress()
    {
        return "10.201." + k + ".1";
    }

    public String address(final int ns)
    {
        return ns == 0 ? homeAddress() : "10.20" + ns + "." + k + ".2";
    }

    /**
     * Cuts (or restores) the link between the home and namespace {@code other}.
     */
    public void link(final int other, final boolean up) throws IOException, InterruptedException
    {
        run("ip", "-n", names[0], "link", "set", "v" + tag + "h" + other, up ? "up" : "down");
    }

    /**
     * Starts {@code NetProbe args} in namespace {@code ns}, its output to {@code log}.
     */
    Process start(final int ns, final Path log, final List<String> jvmOptions, final String... args)
        throws IOException
    {
        return start(ns, log, jvmOptions, NetProbe.class, args);
    }

    /**
     * Starts {@code main args} in namespace {@code ns} (a private {@code /dev/shm}), its output to {@code log}.
     */
    public Process start(final int ns, final Path log, final List<String> jvmOptions, final Class<?> main,
        final String... args) throws IOException
    {
        final JvmLauncher launcher = Children.launcher(main, args).jvmOptions(jvmOptions);
        final List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", names[ns], "unshare", "-m",
            "sh", "-c", "mount -t tmpfs tmpfs /dev/shm && exec \"$@\"", "sh"));
        command.addAll(launcher.command());
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    /**
     * Waits until {@code log} has a line starting with {@code prefix}, or the deadline.
     *
     * @return the line, or null at the deadline or when the process ended without it.
     */
    public static String awaitLine(final Path log, final String prefix, final Process process, final long timeoutMs)
        throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() - deadline < 0)
        {
            final boolean ended = !process.isAlive();
            for (final String line : Files.readAllLines(log, StandardCharsets.UTF_8))
            {
                if (line.startsWith(prefix))
                {
                    return line;
                }
            }
            if (ended)
            {
                return null;
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling a log file with a deadline
        }
        return null;
    }

    private static void run(final String... command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8)))
        {
            output = String.join("\n", reader.lines().toList());
        }
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in 30 s");
        }
        if (process.exitValue() != 0)
        {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
        }
    }

    /**
     * @return the namespaces of this suite that exist (after close: none).
     */
    public static List<String> leftovers() throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        final List<String> found = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8)))
        {
            reader.lines().filter(line -> line.startsWith(PREFIX)).forEach(found::add);
        }
        process.waitFor(30, TimeUnit.SECONDS);
        return found;
    }

    boolean exists(final String line)
    {
        for (final String name : names)
        {
            if (name != null && line.startsWith(name))
            {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException
    {
        try
        {
            closeOrInterrupted();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while removing " + String.join(", ", names), ex);
        }
    }

    private void closeOrInterrupted() throws IOException, InterruptedException
    {
        for (final Process process : processes)
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        IOException failed = null;
        for (final String name : names)
        {
            if (name != null)
            {
                try
                {
                    run("ip", "netns", "del", name);
                }
                catch (final IOException ex)
                {
                    failed = failed == null ? ex : failed;
                }
            }
        }
        if (failed != null && leftovers().stream().anyMatch(this::exists))
        {
            throw failed;
        }
    }
}
