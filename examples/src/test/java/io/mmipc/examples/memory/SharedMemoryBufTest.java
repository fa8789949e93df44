package io.mmipc.examples.memory;

import io.mmipc.examples.ExampleRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SharedMemoryBufTest
{
    @TempDir
    Path root;

    @Test
    @Timeout(180)
    void bytesWrittenThroughTheViewReachTheChildAndItsTypedWritesComeBack() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, SharedMemoryBuf.class);
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("child reads [22, 33, 44, 55, 100]", lines.get(0));
        assertEquals("parent reads 2.5 and -7", lines.get(1));
        assertTrue(lines.get(2).startsWith("refused: ") && lines.get(2).contains("12"), lines.get(2));
    }
}
