package io.mmipc.bench.map;

import java.nio.file.Files;
import io.mmipc.bench.support.PeerJvm;
import io.mmipc.bench.support.SerializedFrames;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Python's {@code multiprocessing.Manager().dict()} done the Java way: a server process owns a
 * {@link HashMap}; every {@code get} and {@code set} of a client is a request, serialized on its
 * own and written to an OS pipe (a FIFO), and the client waits for the server's serialized reply
 * on a second pipe, as a manager's proxy waits for its {@code #RETURN} message.
 */
public final class PipeDict implements AutoCloseable
{
    private final SerializedFrames frames;
    private final FileOutputStream requests;
    private final FileInputStream replies;
    private Path dir;
    private PeerJvm server;

    /**
     * Makes two FIFOs in a temporary directory, starts a server JVM ({@link DictPeer}) on them and
     * returns its client; {@link #close()} stops the server and removes the FIFOs.
     */
    public static PipeDict startServer() throws Exception
    {
        final Path dir = Files.createTempDirectory("mmipc-pipe-dict");
        final Path requests = dir.resolve("requests");
        final Path replies = dir.resolve("replies");
        mkfifo(requests);
        mkfifo(replies);
        final PeerJvm server = PeerJvm.start(DictPeer.class, "server", requests.toString(), replies.toString());
        final PipeDict client = new PipeDict(requests, replies);
        client.dir = dir;
        client.server = server;
        return client;
    }

    /**
     * Opens the client's ends: the request pipe first, in the order the server opens them.
     */
    public PipeDict(final Path requestPipe, final Path replyPipe) throws IOException
    {
        requests = new FileOutputStream(requestPipe.toFile());
        replies = new FileInputStream(replyPipe.toFile());
        frames = new SerializedFrames(replies, requests);
    }

    Object get(final String key) throws IOException, ClassNotFoundException
    {
        frames.write(new Object[]{"get", key});
        return frames.read();
    }

    void set(final String key, final String value) throws IOException, ClassNotFoundException
    {
        frames.write(new Object[]{"set", key, value});
        frames.read();
    }

    /**
     * A manager's {@code Value}: the server adds one to the number under {@code key} and replies
     * with the new value.
     */
    public long increment(final String key) throws IOException, ClassNotFoundException
    {
        frames.write(new Object[]{"incr", key});
        return (Long)frames.read();
    }

    /**
     * The server's loop: answers requests until the client closes its end.
     */
    static void serve(final Path requestPipe, final Path replyPipe, final Runnable ready) throws Exception
    {
        final Map<Object, Object> dict = new HashMap<>();
        ready.run();
        try (FileInputStream in = new FileInputStream(requestPipe.toFile());
             FileOutputStream out = new FileOutputStream(replyPipe.toFile()))
        {
            final SerializedFrames frames = new SerializedFrames(in, out);
            Object request;
            while ((request = frames.read()) != null)
            {
                final Object[] call = (Object[])request;
                switch ((String)call[0])
                {
                    case "get" -> frames.write(dict.get(call[1]));
                    case "set" ->
                    {
                        dict.put(call[1], call[2]);
                        frames.write(Boolean.TRUE);
                    }
                    case "incr" -> frames.write(dict.merge(call[1], 1L, (a, b) -> (Long)a + (Long)b));
                    default -> throw new IllegalArgumentException("no method " + call[0]);
                }
            }
        }
    }

    public static void mkfifo(final Path fifo) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).inheritIO().start();
        if (process.waitFor() != 0)
        {
            throw new IOException("mkfifo " + fifo + " failed with exit code " + process.exitValue());
        }
    }

    @Override
    public void close() throws IOException
    {
        requests.close();
        replies.close();
        if (server != null)
        {
            server.close();
            Files.deleteIfExists(dir.resolve("requests"));
            Files.deleteIfExists(dir.resolve("replies"));
            Files.deleteIfExists(dir);
        }
    }
}
