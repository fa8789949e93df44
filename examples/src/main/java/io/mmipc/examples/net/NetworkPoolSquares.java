package io.mmipc.examples.net;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.NetworkOptions;
import io.mmipc.Pool;
import io.mmipc.PoolOptions;
import io.mmipc.aeron.PoolAgent;

import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pool.map} of squares (seed 000) when the workers run on another machine: the pool on
 * the home node asks the agent there for its workers; the task and the map are unchanged.
 * Prints {@code [1, 4, 9, 16, 25]}.
 * <pre>
 *   NetworkPoolSquares home HOST PORT SECRET_FILE AGENT [WORKERS]   the pool, on the home node
 *   java -cp APP_AND_MMIPC_JARS io.mmipc.aeron.PoolAgent --node HOST --home HOME_HOST:PORT \
 *        --secret-file SECRET_FILE --agent AGENT                    on the other machine, first
 * </pre>
 * Without arguments it runs both on 127.0.0.1: the agent in a JVM of its own, a node of its own.
 */
public final class NetworkPoolSquares
{
    private NetworkPoolSquares()
    {
    }

    static int square(final int n)
    {
        return n * n;
    }

    /** The tutorial's map, on {@code workers} workers that agent {@code agent} starts on its node. */
    static List<Integer> squares(final IpcContext ctx, final String agent, final int workers)
    {
        final List<Integer> numbers = List.of(1, 2, 3, 4, 5);
        try (Pool pool = ctx.pool(PoolOptions.defaults().processes(0).remoteWorkers(agent, workers)))
        {
            return pool.map(NetworkPoolSquares::square, numbers);
        }
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0 && args[0].equals("home"))
        {
            try (IpcContext ctx = IpcContext.builder().network(NetworkOptions.node(args[1], Integer.parseInt(args[2]))
                .secretFile(Paths.get(args[3]))).build())
            {
                System.out.println(squares(ctx, args[4], args.length > 5 ? Integer.parseInt(args[5]) : 3));
            }
            return;
        }
        final int port;
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            port = socket.getLocalPort();
        }
        final Path secret = Files.createTempFile("mmipc-secret", "", PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
        try
        {
            final byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            Files.write(secret, bytes);
            final List<String> agentArgs = new ArrayList<>(List.of("--node", "127.0.0.1", "--home",
                "127.0.0.1:" + port, "--secret-file", secret.toString(), "--agent", "other-machine"));
            final String root = System.getProperty("mmipc.root");
            if (root != null)
            {
                agentArgs.addAll(List.of("--root", root));
            }
            final String[] argv = agentArgs.toArray(String[]::new);
            final JvmProcess agent = JvmProcess.of(() -> PoolAgent.main(argv)).name("agent").start();
            try (IpcContext ctx = IpcContext.builder().network(NetworkOptions.node("127.0.0.1", port)
                .secretFile(secret)).build())
            {
                System.out.println(squares(ctx, "other-machine", 3));
            }
            finally
            {
                agent.terminate(); // SIGTERM: the agent closes its context and ends
                if (!agent.join(Duration.ofSeconds(30)))
                {
                    agent.kill();
                }
            }
        }
        finally
        {
            Files.deleteIfExists(secret);
        }
    }
}
