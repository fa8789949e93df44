package io.mmipc.examples.pool;

import io.mmipc.IpcContext;
import io.mmipc.Pool;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The cross-platform worker that returns a dict of data, result, pid and platform through a Pool
 * (seed 002, "Cross-Platform Compatibility").
 */
public final class CrossPlatformWorker
{
    /** Worker function compatible with different OS. */
    static Map<String, Object> crossPlatformWorker(final int data)
    {
        final long processId = ProcessHandle.current().pid();
        final String platform = System.getProperty("os.name").toLowerCase();
        System.out.println("Process " + processId + " on " + platform + " is processing: " + data);

        // Simulating work
        final int result = data * 2;

        final Map<String, Object> out = new HashMap<>();
        out.put("data", data);
        out.put("result", result);
        out.put("process_id", processId);
        out.put("platform", platform);
        return out;
    }

    public static void main(final String[] args) throws Exception
    {
        System.out.println("Running on platform: " + System.getProperty("os.name").toLowerCase());
        System.out.println("Number of CPUs: " + Runtime.getRuntime().availableProcessors());

        // Data for processing
        final List<Integer> data = IntStream.range(0, 10).boxed().collect(Collectors.toList());

        // Using try-with-resources for the Pool, as Python uses a context manager
        final List<Map<String, Object>> results;
        try (IpcContext ctx = IpcContext.create(); var pool = ctx.pool(Runtime.getRuntime().availableProcessors()))
        {
            results = pool.map(CrossPlatformWorker::crossPlatformWorker, data);
        }

        // Outputting results
        for (final Map<String, Object> result : results)
        {
            System.out.println("Data: " + result.get("data") + ", Result: " + result.get("result") + ", PID: " +
                result.get("process_id") + ", Platform: " + result.get("platform"));
        }
    }
}
