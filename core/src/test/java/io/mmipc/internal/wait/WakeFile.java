package io.mmipc.internal.wait;

import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileSpec;
import io.mmipc.internal.file.SharedFiles;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The mapped file of the wait tests: two wake words and two data words, each in its own slot.
 * <pre>
 *   body offset   0: wake word "ping"   (a request was published)
 *               128: wake word "pong"   (a reply was published)
 *               256: ping data (64)     request number
 *               384: pong data (64)     reply: reply(request number)
 * </pre>
 */
final class WakeFile implements AutoCloseable
{
    static final String NAME = "wake-test";
    static final int PING_WORD = 0;
    static final int PONG_WORD = WakeWordDescriptor.SLOT_LENGTH;
    static final int PING_DATA = 2 * WakeWordDescriptor.SLOT_LENGTH;
    static final int PONG_DATA = 3 * WakeWordDescriptor.SLOT_LENGTH;
    static final int BODY_LENGTH = 4 * WakeWordDescriptor.SLOT_LENGTH;

    final SharedFile file;
    final WakeWord ping;
    final WakeWord pong;

    private WakeFile(final SharedFile file)
    {
        this.file = file;
        this.ping = WakeWord.of(file.body(), PING_WORD);
        this.pong = WakeWord.of(file.body(), PONG_WORD);
    }

    static WakeFile createOrOpen(final Path dir) throws IOException
    {
        return new WakeFile(SharedFiles.createOrOpen(dir, NAME,
            SharedFileSpec.builder(ObjectKind.SHARED_MEMORY, BODY_LENGTH).build()));
    }

    /** A payload derived from the round, so a torn or stale read shows as a mismatch. */
    static long reply(final long round)
    {
        return round * 31 + 13;
    }

    long pingData()
    {
        return file.body().getLongVolatile(PING_DATA);
    }

    void putPingData(final long value)
    {
        file.body().putLongRelease(PING_DATA, value);
    }

    long pongData()
    {
        return file.body().getLongVolatile(PONG_DATA);
    }

    void putPongData(final long value)
    {
        file.body().putLongRelease(PONG_DATA, value);
    }

    @Override
    public void close()
    {
        file.close();
    }
}
