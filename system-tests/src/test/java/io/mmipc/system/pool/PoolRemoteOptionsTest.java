package io.mmipc.system.pool;

import io.mmipc.IpcContext;
import io.mmipc.PoolOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PoolOptions#remoteWorkers} on its own: counts, names, and the contexts that cannot have
 * remote workers (the network suite in ipc-aeron runs them).
 */
@Timeout(60)
class PoolRemoteOptionsTest
{
    @TempDir
    Path root;

    @Test
    void remoteWorkersAddToTheLocalOnes()
    {
        final PoolOptions options = PoolOptions.defaults().processes(1).remoteWorkers("a1", 2).remoteWorkers("b", 3)
            .remoteWorkers("a1", 4);
        assertEquals(Map.of("a1", 4, "b", 3), options.remoteWorkers());
        assertEquals(List.of("a1", "b"), List.copyOf(options.remoteWorkers().keySet()));
        assertEquals(8, options.workers());
        assertEquals(0, PoolOptions.defaults().processes(0).remoteWorkers("a1", 1).processes());
        assertThrows(IllegalArgumentException.class, () -> PoolOptions.defaults().remoteWorkers("../x", 1));
        assertThrows(IllegalArgumentException.class, () -> PoolOptions.defaults().remoteWorkers("a1", 0));
        assertThrows(IllegalArgumentException.class, () -> PoolOptions.defaults().processes(-1));
    }

    @Test
    void aPoolWithoutWorkersOrWithRemoteWorkersOutsideANetworkContextIsRefused() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ctx.pool(PoolOptions.defaults().processes(0)));
            assertTrue(none.getMessage().contains("at least one worker"), none.getMessage());
            final IllegalArgumentException local = assertThrows(IllegalArgumentException.class,
                () -> ctx.pool(PoolOptions.defaults().processes(1).remoteWorkers("a1", 1)));
            assertTrue(local.getMessage().contains("network context"), local.getMessage());
            try (Stream<Path> files = Files.list(ctx.directory()))
            {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("pool-")),
                    "a refused pool leaves no file");
            }
        }
    }
}
