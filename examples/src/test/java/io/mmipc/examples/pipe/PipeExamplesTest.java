package io.mmipc.examples.pipe;

import io.mmipc.examples.ExampleRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(180)
class PipeExamplesTest
{
    @TempDir
    Path root;

    @Test
    void theReceiverStopsAtEndOfStreamWherePythonsHangs() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, PipeSenderReceiver.class);
        for (int i = 1; i <= 3; i++)
        {
            assertTrue(lines.contains("Sent: Message " + i), lines.toString());
            assertTrue(lines.contains("Received: Message " + i), lines.toString());
        }
        assertEquals(6, lines.size(), lines.toString());
    }

    @Test
    void parentAndChildTalkBothWays() throws Exception
    {
        assertEquals(List.of("Child received: Hello child", "Parent received: Hello parent, I got: Hello child"),
            ExampleRun.run(root, PipeTwoWay.class));
    }

    @Test
    void theChildSendsHelloWorld() throws Exception
    {
        assertEquals(List.of("hello world"), ExampleRun.run(root, PipeHelloWorld.class));
    }
}
