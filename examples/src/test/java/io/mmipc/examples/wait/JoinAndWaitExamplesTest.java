package io.mmipc.examples.wait;

import io.mmipc.examples.ExampleRun;
import io.mmipc.examples.pipe.WaitOnReaders;
import io.mmipc.examples.queue.JoinableQueueWorkers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The ports of Python's {@code JoinableQueue} and {@code connection.wait} examples.
 */
@Timeout(180)
class JoinAndWaitExamplesTest
{
    @TempDir
    Path root;

    @Test
    void everyItemIsFinishedBeforeAllWorkCompleted() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, JoinableQueueWorkers.class);
        final int completed = lines.indexOf("All work completed");
        assertEquals(lines.size() - 1, completed, "printed last: " + lines);
        final Set<String> finished = lines.subList(0, completed).stream().filter(l -> l.startsWith("Finished "))
            .map(l -> l.substring("Finished ".length())).collect(Collectors.toSet());
        assertEquals(IntStream.range(0, 10).mapToObj(Integer::toString).collect(Collectors.toSet()), finished,
            "join() returned only after every task_done()");
    }

    @Test
    void theParentReadsEveryMessageOfEveryWriterInOrder() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, WaitOnReaders.class);
        final Pattern message = Pattern.compile("\\((\\d+), '(.+)'\\)");
        final java.util.Map<String, List<Integer>> byWriter = new java.util.HashMap<>();
        for (final String line : lines)
        {
            final Matcher m = message.matcher(line);
            assertTrue(m.matches(), "a message: " + line);
            byWriter.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(Integer.parseInt(m.group(1)));
        }
        assertEquals(4, byWriter.size(), byWriter.toString());
        final List<Integer> tenInOrder = IntStream.range(0, 10).boxed().collect(Collectors.toList());
        for (final List<Integer> received : byWriter.values())
        {
            assertEquals(tenInOrder, received);
        }
        assertEquals(4, new HashSet<>(byWriter.keySet()).size());
    }
}
