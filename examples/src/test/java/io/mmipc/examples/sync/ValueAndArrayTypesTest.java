package io.mmipc.examples.sync;

import io.mmipc.examples.ExampleRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ValueAndArrayTypesTest
{
    @TempDir
    Path root;

    @Test
    @Timeout(180)
    void theChildsWritesToFloatShortCharAndByteReachTheParent() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, ValueAndArrayTypes.class);
        assertEquals(List.of(
            "3.1415927",
            "[0, -1, -2, -3, -4, -5, -6, -7, -8, -9]",
            "hello from the child 32",
            "-128"), lines);
    }
}
