package io.mmipc.system.log;

import io.mmipc.DurableLog;
import io.mmipc.DurableLogConfig;
import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.LogAppender;
import io.mmipc.LogRetention;
import io.mmipc.LogTailer;
import io.mmipc.Pool;
import io.mmipc.PoolOptions;
import io.mmipc.codec.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A durable log captured by the tasks of processes and pools travels as its handle and is opened
 * where it is used.
 */
@Timeout(180)
class LogAcrossProcessesTest
{
    @TempDir
    Path root;

    @Test
    void aLogATaskCapturedOpensInTheChildAndItsAppendsReachTheParent() throws Exception
    {
        // A retention rule with a Duration: the handle's parts must all pass the child's allow-list.
        final DurableLogConfig config = DurableLogConfig.builder(root.resolve("log"))
            .retention(LogRetention.keepFor(Duration.ofDays(7))).build();
        try (DurableLog log = DurableLog.open(config); LogTailer tailer = log.tailer())
        {
            final JvmProcess child = JvmProcess.of(() ->
            {
                try (LogAppender appender = log.appender())
                {
                    appender.append("from " + JvmProcess.currentName(), Codecs.utf8());
                }
            }).name("appender").start();
            assertTrue(child.join(Duration.ofSeconds(120)), child.toString());
            assertEquals(0, child.exitCode().getAsInt());
            assertEquals("from appender", tailer.poll(Codecs.utf8(), Duration.ofSeconds(10)));
        }
    }

    @Test
    void poolWorkersResolveTheLogTheirTasksCaptureOnceEach() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root.resolve("ctx"));
             DurableLog log = DurableLog.open(root.resolve("log"));
             LogTailer tailer = log.tailer();
             Pool pool = ctx.pool(PoolOptions.defaults().processes(2).jvmOptions("-XX:+UseSerialGC", "-Xmx128m")))
        {
            final List<Integer> items = IntStream.range(0, 40).boxed().collect(Collectors.toList());
            // One task per batch: each one carries its own copy of the log's handle.
            final List<String> seenBy = pool.map(n ->
            {
                try (LogAppender appender = log.appender())
                {
                    appender.append((long)n, Codecs.int64());
                }
                return ProcessHandle.current().pid() + " " + System.identityHashCode(log);
            }, items, 1);

            final Map<String, Set<String>> logsPerWorker = new HashMap<>();
            for (final String seen : seenBy)
            {
                final String[] pidAndLog = seen.split(" ");
                logsPerWorker.computeIfAbsent(pidAndLog[0], pid -> new HashSet<>()).add(pidAndLog[1]);
            }
            logsPerWorker.forEach((pid, logs) -> assertEquals(1, logs.size(), "worker " + pid + " opened " + logs));

            final Set<Long> appended = new HashSet<>();
            for (int i = 0; i < items.size(); i++)
            {
                appended.add(tailer.poll(Codecs.int64(), Duration.ofSeconds(10)));
            }
            assertEquals(items.stream().map(Integer::longValue).collect(Collectors.toSet()), appended);
            assertNull(tailer.poll(Codecs.int64()), "nothing more");
        }
    }
}
