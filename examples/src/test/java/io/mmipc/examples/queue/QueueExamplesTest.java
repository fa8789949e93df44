package io.mmipc.examples.queue;

import io.mmipc.examples.ExampleRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(180)
class QueueExamplesTest
{
    @TempDir
    Path root;

    @Test
    void theSquaresComeOffTheQueueInOrder() throws Exception
    {
        assertEquals(List.of("1", "4", "9", "16", "25"), ExampleRun.run(root, QueueSquares.class));
    }

    @Test
    void theEvenNumbersComeOffTheQueue() throws Exception
    {
        assertEquals(IntStream.range(0, 20).filter(n -> n % 2 == 0).mapToObj(Integer::toString)
            .collect(Collectors.toList()), ExampleRun.run(root, QueueEvens.class));
    }

    @Test
    void theConsumerGetsEveryItemUntilTheSentinel() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, ProducerConsumer.class);
        final List<String> received = lines.stream().filter(l -> l.startsWith("Consumer 1 received: "))
            .map(l -> l.substring("Consumer 1 received: ".length())).collect(Collectors.toList());
        final List<String> sent = lines.stream().filter(l -> l.startsWith("Producer 1 sent: "))
            .map(l -> l.substring("Producer 1 sent: ".length())).collect(Collectors.toList());
        final List<String> expected = IntStream.range(0, 5).mapToObj(i -> "Data from producer 1: item " + i)
            .collect(Collectors.toList());
        assertEquals(expected, sent);
        assertEquals(expected, received, "in order, and the sentinel is not printed");
    }

    @Test
    void workersShareTheTaskAndResultQueues() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, TaskAndResultQueues.class);
        final Set<String> results = new HashSet<>();
        for (final String line : lines)
        {
            results.add(line.replaceFirst("^Process-\\d+ computed ", ""));
        }
        assertEquals(IntStream.rangeClosed(1, 10).mapToObj(k -> k + " * " + k + " = " + k * k)
            .collect(Collectors.toSet()), results);
        assertEquals(10, lines.size());
    }
}
