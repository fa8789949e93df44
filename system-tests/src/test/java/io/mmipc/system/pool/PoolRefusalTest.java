package io.mmipc.system.pool;

import com.example.pooltest.Order;
import com.example.pooltest.OutsideFunctions;
import io.mmipc.IpcContext;
import io.mmipc.Pool;
import io.mmipc.PoolOptions;
import io.mmipc.PoolTaskException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What a pool cannot send fails the call, at submission, saying what and how to fix it; no worker
 * dies or is replaced.
 */
@Timeout(180)
class PoolRefusalTest
{
    @TempDir
    Path root;

    private IpcContext ctx;
    private Pool pool;
    private List<Long> workers;

    @BeforeEach
    void start()
    {
        ctx = IpcContext.create(root);
        pool = ctx.pool(PoolOptions.defaults().processes(1).jvmOptions("-XX:+UseSerialGC", "-Xmx256m"));
        workers = pool.workerPids();
    }

    @AfterEach
    void stop()
    {
        pool.terminate();
        ctx.close();
    }

    private void assertSameWorkersStillWork()
    {
        assertEquals(List.of(2, 3), pool.map(n -> n + 1, List.of(1, 2)));
        assertEquals(workers, pool.workerPids(), "no worker died or was replaced");
    }

    @Test
    void aFunctionFromAPackageTheWorkersDoNotAdmitFailsTheCallNamingTheClass()
    {
        final PoolTaskException ex = assertThrows(PoolTaskException.class,
            () -> pool.map(OutsideFunctions.twice(), List.of(1)));
        assertTrue(ex.getMessage().startsWith("the function cannot be sent to a worker: it is a lambda written in " +
            "com.example.pooltest.OutsideFunctions (lambda$twice$"), ex.getMessage());
        assertTrue(ex.getMessage().endsWith("a class this pool's workers do not admit; admit it with " +
            "PoolOptions.allowClass(com.example.pooltest.OutsideFunctions.class) or " +
            "PoolOptions.allowPackage(\"com.example.pooltest\")"), ex.getMessage());
        assertEquals(-1, ex.index());
        assertSameWorkersStillWork();

        try (Pool wider = ctx.pool(PoolOptions.defaults().processes(1).allowPackage("com.example.pooltest")))
        {
            assertEquals(List.of(2, 4), wider.map(OutsideFunctions.twice(), List.of(1, 2)));
        }
    }

    @Test
    void anArgumentOfAClassOutsideTheAllowListFailsItsItem() throws Exception
    {
        final List<Object> items = List.of("a", new Order(7), "c");
        final PoolTaskException ex = assertThrows(PoolTaskException.class,
            () -> pool.map(Object::toString, items, 1));
        assertEquals("the argument for item 1, a com.example.pooltest.Order, cannot be sent to a worker: it holds " +
            "com.example.pooltest.Order, which this pool's workers do not admit; admit it with " +
            "PoolOptions.allowClass(com.example.pooltest.Order.class) or " +
            "PoolOptions.allowPackage(\"com.example.pooltest\")", ex.getMessage());
        assertEquals(1, ex.index());

        final CompletableFuture<String> single = pool.applyAsync(Object::toString, new Order(8));
        final PoolTaskException viaFuture = assertInstanceOf(PoolTaskException.class,
            assertThrows(Exception.class, single::join).getCause());
        assertTrue(viaFuture.getMessage().startsWith("the task's argument, a com.example.pooltest.Order, cannot"),
            viaFuture.getMessage());
        assertSameWorkersStillWork();

        try (Pool wider = ctx.pool(PoolOptions.defaults().processes(1).allowClass(Order.class)))
        {
            assertEquals(List.of("Order[id=7]"), wider.map(Object::toString, List.of(new Order(7))));
        }
    }

    private final int offset = 3;

    @Test
    void aLambdaThatCapturesANonSerializableThisGetsTheSameDiagnosisAsAProcess()
    {
        final PoolTaskException viaMap = assertThrows(PoolTaskException.class,
            () -> pool.map(n -> n + offset, List.of(1)));
        assertTrue(viaMap.getMessage().startsWith("the function cannot be sent to a worker: the lambda in " +
            "io.mmipc.system.pool.PoolRefusalTest (lambda$"), viaMap.getMessage());
        assertTrue(viaMap.getMessage().contains("captures 'this', a io.mmipc.system.pool.PoolRefusalTest, which is " +
            "not Serializable"), viaMap.getMessage());

        // apply wraps the callable in a lambda of the pool's own: the diagnosis looks inside it.
        final PoolTaskException viaApply = assertThrows(PoolTaskException.class, () -> pool.apply(() -> offset));
        assertTrue(viaApply.getMessage().contains("captures 'this', a io.mmipc.system.pool.PoolRefusalTest"),
            viaApply.getMessage());
        assertSameWorkersStillWork();
    }

    @Test
    void aBatchPastTheWorkersBoundsFailsTheCallAndTheWorkerGoesOn()
    {
        // Only the classes are checked before sending; the workers' depth bound (20) is theirs to say.
        Object nested = "leaf";
        for (int i = 0; i < 100; i++)
        {
            final List<Object> outer = new ArrayList<>();
            outer.add(nested);
            nested = outer;
        }
        final Object deep = nested;
        final PoolTaskException ex = assertThrows(PoolTaskException.class, () -> pool.map(x -> 1, List.of(deep)));
        assertTrue(ex.getMessage().startsWith("the batch from item 0 could not be read by PoolWorker-"), ex.getMessage());
        assertTrue(ex.getMessage().contains("the stream is past the allow-list's bounds: objects nest 21 deep, over maxDepth 20"),
            ex.getMessage());
        assertTrue(ex.getMessage().contains(";maxdepth=20;"), ex.getMessage());
        assertSameWorkersStillWork();
    }
}
