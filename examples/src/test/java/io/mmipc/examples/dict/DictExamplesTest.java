package io.mmipc.examples.dict;

import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs the shared dict example as its own JVM (its workers are JVMs too) and checks what it printed.
 */
@Timeout(120)
class DictExamplesTest
{
    @Test
    void threeProcessesFillOneDictionary() throws Exception
    {
        final List<String> lines = Arrays.asList(Children.run(Duration.ofSeconds(100), UpdateSharedDict.class)
            .split("\n"));
        final int header = lines.indexOf("Contents of the shared dictionary:");
        assertEquals(9, header, "every worker printed its three keys first: " + lines);
        final List<String> contents = lines.subList(header + 1, lines.size());
        // Python's insertion order under the seed's schedule: round by round, item 0 of every process first.
        assertEquals(List.of(
            "process_0_item_0: Value from process 0", "process_1_item_0: Value from process 1",
            "process_2_item_0: Value from process 2", "process_0_item_1: Value from process 0",
            "process_1_item_1: Value from process 1", "process_2_item_1: Value from process 2",
            "process_0_item_2: Value from process 0", "process_1_item_2: Value from process 1",
            "process_2_item_2: Value from process 2"), contents);
        for (int p = 0; p < 3; p++)
        {
            for (int i = 0; i < 3; i++)
            {
                assertTrue(lines.subList(0, header).contains("Process " + p + " added process_" + p + "_item_" + i),
                    lines.toString());
            }
        }
    }
}
