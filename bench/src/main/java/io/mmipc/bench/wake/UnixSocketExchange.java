package io.mmipc.bench.wake;

import io.mmipc.bench.support.Payload;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A blocking Unix domain stream socket (JDK 16+), each message a 4-byte length then its bytes,
 * read into a new {@code byte[]} as the other {@code byte[]} contenders deliver it. The peer
 * listens ({@link #listen}) before it says it is ready, then accepts; the benchmark connects.
 */
final class UnixSocketExchange extends Exchange
{
    private static final String SOCKET = "exchange.sock";

    private final SocketChannel channel;
    private final ByteBuffer outBuffer;
    private final ByteBuffer inBuffer;

    private UnixSocketExchange(final SocketChannel channel, final int size)
    {
        super(size);
        this.channel = channel;
        this.outBuffer = ByteBuffer.allocateDirect(Integer.BYTES + size);
        outBuffer.putInt(size).put(Payload.create(size)).flip();
        this.inBuffer = ByteBuffer.allocateDirect(Integer.BYTES + size);
    }

    static ServerSocketChannel listen(final Path dir) throws IOException
    {
        final ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve(SOCKET)));
        return server;
    }

    static UnixSocketExchange accept(final ServerSocketChannel server, final int size) throws IOException
    {
        try (server)
        {
            return new UnixSocketExchange(server.accept(), size);
        }
    }

    static UnixSocketExchange connect(final Path dir, final int size) throws IOException
    {
        return new UnixSocketExchange(SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve(SOCKET))), size);
    }

    @Override
    void send() throws IOException
    {
        outBuffer.rewind();
        while (outBuffer.hasRemaining())
        {
            channel.write(outBuffer);
        }
    }

    @Override
    void receive() throws IOException
    {
        inBuffer.clear().limit(Integer.BYTES);
        readFully();
        final int length = inBuffer.getInt(0);
        if (length < 0 || length > inBuffer.capacity() - Integer.BYTES)
        {
            throw new IOException("message length " + length + " on " + SOCKET + " out of 0.." +
                (inBuffer.capacity() - Integer.BYTES));
        }
        inBuffer.limit(Integer.BYTES + length);
        readFully();
        final byte[] message = new byte[length];
        inBuffer.get(Integer.BYTES, message);
        received.add(message);
    }

    private void readFully() throws IOException
    {
        while (inBuffer.hasRemaining())
        {
            if (channel.read(inBuffer) < 0)
            {
                throw new EOFException("peer closed " + SOCKET);
            }
        }
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("closing " + SOCKET, ex);
        }
    }
}
