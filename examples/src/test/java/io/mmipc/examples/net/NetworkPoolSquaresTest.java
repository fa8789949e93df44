package io.mmipc.examples.net;

import io.mmipc.examples.ExampleRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(240)
class NetworkPoolSquaresTest
{
    @TempDir
    Path root;

    @Test
    void theAgentsWorkersMapTheSquares() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, NetworkPoolSquares.class);
        assertTrue(lines.contains("[1, 4, 9, 16, 25]"), lines.toString());
    }
}
