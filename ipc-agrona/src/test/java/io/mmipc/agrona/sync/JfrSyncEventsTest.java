package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.SharedLock;
import io.mmipc.SharedStateCorruptedException;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import io.mmipc.test.JfrEvents;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15.3: a lock taken over from a kill -9'ed child JVM and a corrupted word are JFR events,
 * readable in-process and by the JDK's {@code jfr} tool.
 */
class JfrSyncEventsTest
{
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path root;

    @Test
    @Timeout(240)
    void aLockTakenOverFromAKilledChildIsAnEventNamingItsPidAndTheJfrToolPrintsIt() throws Exception
    {
        final Instant before = Instant.now();
        try (IpcContext ctx = IpcContext.create(root);
            JfrEvents recording = new JfrEvents(root, "io.mmipc.LockTakenOver"))
        {
            final SharedLock lock = ctx.lock("lock");
            final long deadPid;
            try (ChildJvm holder = Children.start(SyncChild.class, "hold-lock", ctx.directory().toString(), "lock"))
            {
                Children.awaitLine(holder, "locked", START);
                deadPid = holder.pid();
                holder.kill();
                assertTrue(holder.waitFor(BOUND));
            }
            assertTrue(lock.tryLock(BOUND.toMillis(), TimeUnit.MILLISECONDS), "taken over within " + BOUND);
            assertTrue(lock.previousOwnerDied());
            lock.unlock();

            final List<RecordedEvent> events = JfrEvents.named(recording.stopAndRead(), "io.mmipc.LockTakenOver");
            assertEquals(1, events.size(), events::toString);
            final RecordedEvent event = events.get(0);
            assertEquals(deadPid, event.getLong("deadPid"));
            assertEquals(ProcessHandle.current().pid(), event.getLong("takerPid"));
            assertEquals(lock.path().toString(), event.getString("file"));
            assertEquals(SharedFileDescriptor.HEADER_LENGTH + LockDescriptor.OWNER_OFFSET, event.getLong("offset"));
            assertTrue(event.getString("guards").contains("lock"), event.getString("guards"));
            final Instant started = event.getInstant("deadStartTime");
            assertFalse(started.isBefore(before.minusSeconds(5)) || started.isAfter(Instant.now()),
                "the dead child started during the test: " + started + ", test began " + before);
            assertEquals("mmipc", event.getEventType().getCategoryNames().get(0));

            final String printed = jfrPrint(recording.file(), "io.mmipc.LockTakenOver");
            assertTrue(printed.contains("io.mmipc.LockTakenOver") && printed.contains("deadPid = " + deadPid),
                printed);
        }
    }

    @Test
    @Timeout(60)
    void aCorruptedOwnerWordIsAnEventNamingTheFileAndOffset() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root);
            JfrEvents recording = new JfrEvents(root, "io.mmipc.CorruptionDetected"))
        {
            final SharedLock lock = ctx.lock("lock");
            Corrupt.writeLong(lock.path(), LockDescriptor.OWNER_OFFSET, 0xDEAD_BEEF_DEAD_BEEFL);
            assertThrows(SharedStateCorruptedException.class, lock::tryLock);
            Corrupt.writeLong(lock.path(), LockDescriptor.OWNER_OFFSET, 0);

            final List<RecordedEvent> events = JfrEvents.named(recording.stopAndRead(), "io.mmipc.CorruptionDetected");
            assertEquals(1, events.size(), events::toString);
            assertEquals(lock.path().toString(), events.get(0).getString("file"));
            assertEquals(SharedFileDescriptor.HEADER_LENGTH + LockDescriptor.OWNER_OFFSET, events.get(0).getLong("offset"));
            assertTrue(events.get(0).getString("detail").contains("deadbeefdeadbeef"), events.get(0).getString("detail"));
        }
    }

    /**
     * @return what {@code jfr print --events name file} prints; the tool is the running JDK's.
     */
    private static String jfrPrint(final Path file, final String name) throws Exception
    {
        final Path tool = Paths.get(System.getProperty("java.home"), "bin", "jfr");
        assertTrue(Files.isExecutable(tool), "the JDK has no jfr tool at " + tool);
        final Process process = new ProcessBuilder(tool.toString(), "print", "--events", name, file.toString())
            .redirectErrorStream(true).start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "jfr print did not end: " + out);
        assertEquals(0, process.exitValue(), out);
        return out;
    }
}
