package io.mmipc.aeron;

import io.mmipc.IpcContext;
import io.mmipc.NetworkOptions;
import io.mmipc.Pool;
import io.mmipc.PoolOptions;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The home side of {@link NamespacePoolTest}, in its own JVM and namespace: a pool whose workers
 * agent {@code far} starts; it maps, holds one worker with a long task, and reports how that task
 * ended once the test cut the agent's link, then maps again. Lines: {@code first ...},
 * {@code held}, {@code ended ...}, {@code after ...}.
 * <pre>
 *   PoolProbe HOST PORT SECRET_FILE PEER_TIMEOUT_MS
 * </pre>
 */
final class PoolProbe
{
    private PoolProbe()
    {
    }

    static int square(final int x)
    {
        return x * x;
    }

    static int hold(final int x) throws InterruptedException
    {
        Thread.sleep(TimeUnit.MINUTES.toMillis(3)); // holds its worker until its node is cut off
        return x;
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.builder().network(NetworkOptions.node(args[0], Integer.parseInt(args[1]))
            .secretFile(Paths.get(args[2])).peerTimeout(Duration.ofMillis(Long.parseLong(args[3])))).build();
            Pool pool = ctx.pool(PoolOptions.defaults().processes(0).remoteWorkers("far", 2)
                .jvmOptions("-XX:TieredStopAtLevel=1", "-Xmx128m")))
        {
            System.out.println("first " + pool.map(PoolProbe::square, List.of(1, 2, 3, 4, 5)));
            final CompletableFuture<Integer> held = pool.applyAsync(PoolProbe::hold, 7);
            System.out.println("held");
            try
            {
                held.get(120, TimeUnit.SECONDS);
                System.out.println("ended normally");
            }
            catch (final ExecutionException ex)
            {
                System.out.println("ended " + ex.getCause().getClass().getSimpleName() + ": " + ex.getCause().getMessage());
            }
            catch (final TimeoutException ex)
            {
                System.out.println("ended never");
            }
            System.out.println("after " + pool.mapAsync(PoolProbe::square, List.of(6, 7, 8), 1).get(120, TimeUnit.SECONDS));
        }
    }
}
