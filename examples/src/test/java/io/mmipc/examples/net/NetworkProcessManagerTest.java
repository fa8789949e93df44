package io.mmipc.examples.net;

import io.mmipc.examples.ExampleRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(240)
class NetworkProcessManagerTest
{
    @TempDir
    Path root;

    @Test
    void workersOnOtherNodesProcessEveryTaskExactlyOnce() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, NetworkProcessManager.class);
        assertTrue(lines.contains("Processed 20 tasks"), lines.toString());
        final String results = lines.stream().filter(l -> l.startsWith("Results: ")).findFirst().orElseThrow();
        final List<Integer> got = List.of(results.substring("Results: [".length(), results.length() - 1).split(", "))
            .stream().map(Integer::parseInt).sorted().collect(Collectors.toList());
        assertEquals(IntStream.range(0, 20).map(t -> t * 2).boxed().collect(Collectors.toList()), got);
    }
}
