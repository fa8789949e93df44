package io.mmipc.chronicle;

import io.mmipc.internal.wait.WakeFile;
import io.mmipc.DurableLog;
import io.mmipc.DurableLogException;
import io.mmipc.LogAppender;
import io.mmipc.LogTailer;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFileSpec;
import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.internal.wait.Futex;
import io.mmipc.internal.wait.WakeWord;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 13: a blocked read of the durable log sleeps in the kernel on the log's wake word and an
 * append in another JVM wakes it; proved by the word's counters, not by timing.
 */
class LogWakeTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path root;

    @Test
    @Timeout(180)
    void aTailerJvmAsleepInTakeIsWokenByAnAppendFromAnotherJvm() throws Exception
    {
        assumeTrue(Futex.loadNow(), Futex::status); // so this JVM's signal makes the FUTEX_WAKE itself
        final Path dir = root.resolve("log");
        try (DurableLog log = DurableLog.open(dir);
             LogAppender appender = log.appender();
             WakeFile wake = LogWake.open(dir, SharedFiles.OWNER_ONLY))
        {
            final WakeWord word = wake.word();
            assertEquals(0, word.sleepCount(), word.toString());
            try (ChildJvm taker = Children.start(Taker.class, dir.toString()))
            {
                Children.await("the taker to sleep on the log's wake word (" + word + ")", CHILD_TIMEOUT,
                    () -> word.sleepCount() >= 1 || !taker.isAlive());
                assertTrue(taker.isAlive(), () -> taker.stdout() + taker.stderr());
                final long wakesBefore = word.wakeCount();

                appender.append(42L, Codecs.int64());

                assertEquals(wakesBefore + 1, word.wakeCount(), "the append woke the sleeper: " + word);
                assertTrue(Children.finish(taker, CHILD_TIMEOUT).contains("took 42"));
            }
        }
    }

    @Test
    @Timeout(180)
    void withFutexSleepsOffATailerJvmStillTakesAndNeverSleepsInTheKernel() throws Exception
    {
        final Path dir = root.resolve("log");
        try (DurableLog log = DurableLog.open(dir);
             LogAppender appender = log.appender();
             WakeFile wake = LogWake.open(dir, SharedFiles.OWNER_ONLY))
        {
            final WakeWord word = wake.word();
            try (ChildJvm taker = Children.launcher(Taker.class, dir.toString())
                .systemProperty(Futex.PROPERTY, "false").start())
            {
                Children.awaitLine(taker, "taking", CHILD_TIMEOUT);
                appender.append(7L, Codecs.int64());
                assertTrue(Children.finish(taker, CHILD_TIMEOUT).contains("took 7"));
            }
            assertEquals(0, word.sleepCount(), "backing-off waits never sleep on the word: " + word);
            assertEquals(0, word.wakeCount(), "nobody slept, so no append woke anyone: " + word);
        }
    }

    @Test
    @Timeout(60)
    void aTakeOnAnotherThreadOfThisJvmIsWokenByAnAppend() throws Exception
    {
        assumeTrue(Futex.loadNow(), Futex::status);
        final Path dir = root.resolve("log");
        try (DurableLog log = DurableLog.open(dir);
             LogAppender appender = log.appender();
             LogTailer tailer = log.tailer();
             WakeFile wake = LogWake.open(dir, SharedFiles.OWNER_ONLY))
        {
            final WakeWord word = wake.word();
            final long[] took = {-1};
            final Thread taker = new Thread(() ->
            {
                try
                {
                    took[0] = tailer.take(Codecs.int64());
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }, "taker");
            taker.start();
            Children.await("the taker thread to sleep (" + word + ")", Duration.ofSeconds(30),
                () -> word.sleepCount() >= 1 || !taker.isAlive());
            final long wakesBefore = word.wakeCount();
            appender.append(9L, Codecs.int64());
            assertEquals(wakesBefore + 1, word.wakeCount(), word.toString());
            taker.join(30_000);
            assertFalse(taker.isAlive(), "the taker is still waiting: " + word);
            assertEquals(9L, took[0]);
        }
    }

    @Test
    @Timeout(60)
    void aWakeFileOfAnotherLayoutIsRefusedWithItsName() throws Exception
    {
        final Path dir = root.resolve("log");
        DurableLog.open(dir).close();
        final Path path = dir.resolve(LogWakeDescriptor.FILE_NAME);
        java.nio.file.Files.delete(path);
        SharedFiles.createOrOpenAt(path, SharedFileSpec.builder(ObjectKind.SYNC, LogWakeDescriptor.BODY_LENGTH)
            .param(0, "logWakeLayout", LogWakeDescriptor.LAYOUT_VERSION + 1).typeTag(LogWakeDescriptor.TYPE).build(),
            SharedFiles.OWNER_ONLY).close();
        final DurableLogException ex = assertThrows(DurableLogException.class, () -> DurableLog.open(dir));
        assertTrue(ex.getMessage().contains(LogWakeDescriptor.FILE_NAME), ex.getMessage());
    }

    /** Takes one int64 message from the start of the log at {@code args[0]} and prints it. */
    public static final class Taker
    {
        public static void main(final String[] args) throws Exception
        {
            try (DurableLog log = DurableLog.open(Paths.get(args[0])); LogTailer tailer = log.tailer())
            {
                System.out.println("taking");
                System.out.flush();
                System.out.println("took " + tailer.take(Codecs.int64()));
            }
        }
    }
}
