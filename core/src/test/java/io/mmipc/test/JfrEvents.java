package io.mmipc.test;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An in-process JFR recording of some of mmipc's events, for tests: start it, do what should
 * commit them, then {@link #stopAndRead()}.
 */
public final class JfrEvents implements AutoCloseable
{
    private final Recording recording = new Recording();
    private final Path file;

    /**
     * @param directory where the recording is dumped (a test's temporary directory).
     * @param names     event names, such as {@code io.mmipc.LockTakenOver}.
     */
    public JfrEvents(final Path directory, final String... names) throws IOException
    {
        this.file = Files.createTempFile(directory, "events", ".jfr");
        for (final String name : names)
        {
            recording.enable(name).withoutStackTrace();
        }
        recording.start();
    }

    /**
     * @return the recording's file after {@link #stopAndRead()}.
     */
    public Path file()
    {
        return file;
    }

    /**
     * Stops the recording, dumps it to {@link #file()} and reads it back.
     *
     * @return every event recorded, oldest first.
     */
    public List<RecordedEvent> stopAndRead() throws IOException
    {
        recording.stop();
        recording.dump(file);
        return RecordingFile.readAllEvents(file);
    }

    /**
     * @return the events of {@code events} named {@code name}.
     */
    public static List<RecordedEvent> named(final List<RecordedEvent> events, final String name)
    {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    @Override
    public void close()
    {
        recording.close();
    }
}
