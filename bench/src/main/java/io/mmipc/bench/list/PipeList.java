package io.mmipc.bench.list;

import io.mmipc.bench.map.PipeDict;
import io.mmipc.bench.support.PeerJvm;
import io.mmipc.bench.support.SerializedFrames;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code multiprocessing.Manager().list()} done the Java way: a server process owns an
 * {@link ArrayList}; every {@code append} and {@code get} of a client is a request, serialized on
 * its own and written to an OS pipe (a FIFO), and the client waits for the server's serialized
 * reply on a second pipe, as a manager's proxy waits for its {@code #RETURN} message. The same
 * FIFOs and frames as the dict's server ({@link PipeDict}).
 */
public final class PipeList implements AutoCloseable
{
    private final SerializedFrames frames;
    private final FileOutputStream requests;
    private final FileInputStream replies;
    private final Path dir;
    private final PeerJvm server;

    private PipeList(final Path dir, final PeerJvm server) throws IOException
    {
        this.dir = dir;
        this.server = server;
        requests = new FileOutputStream(dir.resolve("requests").toFile()); // the order the server opens them
        replies = new FileInputStream(dir.resolve("replies").toFile());
        frames = new SerializedFrames(replies, requests);
    }

    /**
     * Makes two FIFOs in a temporary directory, starts a server JVM ({@link ListPeer}) on them and
     * returns its client; {@link #close()} stops the server and removes the FIFOs.
     */
    public static PipeList startServer() throws Exception
    {
        final Path dir = Files.createTempDirectory("mmipc-pipe-list");
        PipeDict.mkfifo(dir.resolve("requests"));
        PipeDict.mkfifo(dir.resolve("replies"));
        final PeerJvm server = PeerJvm.start(ListPeer.class, "server", dir.resolve("requests").toString(),
            dir.resolve("replies").toString());
        return new PipeList(dir, server);
    }

    void append(final String value) throws IOException, ClassNotFoundException
    {
        frames.write(new Object[]{"append", value});
        frames.read();
    }

    Object get(final int index) throws IOException, ClassNotFoundException
    {
        frames.write(new Object[]{"get", index});
        return frames.read();
    }

    int size() throws IOException, ClassNotFoundException
    {
        frames.write(new Object[]{"len"});
        return (Integer)frames.read();
    }

    void clear() throws IOException, ClassNotFoundException
    {
        frames.write(new Object[]{"clear"});
        frames.read();
    }

    /**
     * The server's loop: answers requests until the client closes its end.
     */
    static void serve(final Path requestPipe, final Path replyPipe, final Runnable ready) throws Exception
    {
        final List<Object> list = new ArrayList<>();
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
                    case "append" -> frames.write(list.add(call[1]));
                    case "get" -> frames.write(list.get((Integer)call[1]));
                    case "len" -> frames.write(list.size());
                    case "clear" ->
                    {
                        list.clear();
                        frames.write(Boolean.TRUE);
                    }
                    default -> throw new IllegalArgumentException("no method " + call[0]);
                }
            }
        }
    }

    @Override
    public void close() throws IOException
    {
        requests.close();
        replies.close();
        server.close();
        Files.deleteIfExists(dir.resolve("requests"));
        Files.deleteIfExists(dir.resolve("replies"));
        Files.deleteIfExists(dir);
    }
}
