package io.mmipc.bench.wake;

import io.mmipc.Idle;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileSpec;
import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.wait.Waiter;
import io.mmipc.internal.wait.WakeWord;
import org.agrona.concurrent.AtomicBuffer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.mmipc.bench.wake.WakeFileDescriptor.*;

/**
 * Request and reply numbers in a mapped file ({@link WakeFileDescriptor}), each side waiting
 * through mmipc's {@link Waiter} with the default strategy ({@link Idle#backoff()}):
 * <ul>
 *   <li>with wake words: spin, yield, then sleep on a futex until the publisher's signal (what
 *   mmipc's blocking calls cost once they are wired to wake words);</li>
 *   <li>without: spin, yield, then park with sleeps growing to 1 ms (what they cost before).</li>
 * </ul>
 */
final class WordLink extends WakeLink
{
    private static final long REPLY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final SharedFile file;
    private final AtomicBuffer body;
    private final WakeWord requestWord;
    private final WakeWord replyWord;
    private final boolean wakeWords;
    private final Waiter waiter = new Waiter(Idle.backoff().get());

    WordLink(final Path dir, final boolean wakeWords) throws IOException
    {
        this.file = open(dir);
        this.body = file.body();
        this.requestWord = WakeWord.of(body, REQUEST_WORD_OFFSET);
        this.replyWord = WakeWord.of(body, REPLY_WORD_OFFSET);
        this.wakeWords = wakeWords;
    }

    static SharedFile open(final Path dir) throws IOException
    {
        return SharedFiles.createOrOpen(dir, NAME,
            SharedFileSpec.builder(ObjectKind.SHARED_MEMORY, BODY_LENGTH).build());
    }

    @Override
    long request(final long round)
    {
        body.putLongRelease(REQUEST_OFFSET, round);
        if (wakeWords)
        {
            requestWord.signal();
        }
        final long expected = reply(round);
        waiter.begin(REPLY_TIMEOUT_NANOS, false, wakeWords ? replyWord : null);
        try
        {
            long got;
            while ((got = body.getLongVolatile(REPLY_OFFSET)) != expected)
            {
                if (got != reply(round - 1) && round > 1)
                {
                    throw new IllegalStateException("round " + round + ": reply " + got + ", expected " + expected);
                }
                if (waiter.idle() == Waiter.TIMED_OUT)
                {
                    throw new IllegalStateException("no reply to round " + round + " " + replyWord);
                }
            }
            return got;
        }
        finally
        {
            waiter.end();
        }
    }

    @Override
    void serve(final long round)
    {
        waiter.begin(Waiter.FOREVER, false, wakeWords ? requestWord : null);
        try
        {
            while (body.getLongVolatile(REQUEST_OFFSET) != round)
            {
                waiter.idle();
            }
        }
        finally
        {
            waiter.end();
        }
        body.putLongRelease(REPLY_OFFSET, reply(round));
        if (wakeWords)
        {
            replyWord.signal();
        }
    }

    /**
     * @return the wake words' counters (kernel sleeps and wakes), for the benchmark's output.
     */
    String counters()
    {
        return "request " + requestWord + ", reply " + replyWord;
    }

    @Override
    public void close()
    {
        file.close();
    }
}
