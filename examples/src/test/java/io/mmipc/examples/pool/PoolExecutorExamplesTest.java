package io.mmipc.examples.pool;

import io.mmipc.examples.ExampleRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(180)
class PoolExecutorExamplesTest
{
    @TempDir
    Path root;

    @Test
    void theProcessPoolExecutorPrintsPythonsAnswers() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, ProcessPoolExecutorPrimes.class);
        assertEquals(List.of(
            "112272535095293 is prime: True",
            "112582705942171 is prime: True",
            "112272535095293 is prime: True",
            "115280095190773 is prime: True",
            "115797848077099 is prime: True",
            "1099726899285419 is prime: False",
            "First answer: 112272535095293 is prime: true"), lines);
    }

    @Test
    void everyWorkerRanTheInitializerBeforeItsTasks() throws Exception
    {
        assertEquals(List.of("[Hello Alice, Hello Bob, Hello Carol]"), ExampleRun.run(root, PoolInitializer.class));
    }
}
