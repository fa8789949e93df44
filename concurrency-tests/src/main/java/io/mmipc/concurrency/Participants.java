package io.mmipc.concurrency;

import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.owner.OwnerCell;
import io.mmipc.internal.owner.OwnerWord;
import io.mmipc.internal.owner.ParticipantRegistry;
import io.mmipc.internal.owner.RegistryDescriptor;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

import static io.mmipc.internal.owner.OwnerWordDescriptor.*;

/**
 * What the owner-word tests share in one jcstress JVM: this JVM's entry in a participant registry
 * (in a directory of its own under the working directory, removed at exit), and an owner id of a
 * dead process, whose token names a registry entry nobody holds.
 */
final class Participants
{
    static final ParticipantRegistry REGISTRY;
    /** A holder whose process is gone: entry 1023, generation 16383, never issued in a fresh registry. */
    static final long DEAD = ownerId(RegistryDescriptor.token(RegistryDescriptor.CAPACITY - 1,
        RegistryDescriptor.GENERATION_MASK), 7);
    static final long ME_1;
    static final long ME_2;
    private static final Path DIRECTORY;

    static
    {
        try
        {
            DIRECTORY = Files.createTempDirectory(Paths.get("").toAbsolutePath(), "owner-word-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        REGISTRY = ParticipantRegistry.lease(DIRECTORY, SharedFiles.OWNER_ONLY);
        ME_1 = ownerId(REGISTRY.token(), 1);
        ME_2 = ownerId(REGISTRY.token(), 2);
        Runtime.getRuntime().addShutdownHook(new Thread(Participants::remove, "mmipc-jcstress-cleanup"));
    }

    private Participants()
    {
    }

    /**
     * @return an owner word over a fresh 8-byte direct buffer holding {@code initial}.
     */
    static OwnerWord word(final long initial)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(Long.BYTES));
        buffer.putLongVolatile(0, initial);
        return new OwnerWord(OwnerCell.of(buffer, 0), REGISTRY, DIRECTORY, 0, "a jcstress word");
    }

    /**
     * @return who the word names, for outcomes: 0 free, 1 or 2 for {@link #ME_1} or {@link #ME_2}
     *         (plus 10 with the died flag), 9 for {@link #DEAD}, -1 for anything else.
     */
    static int holder(final OwnerWord word)
    {
        final long value = word.getVolatile();
        if (value == FREE)
        {
            return 0;
        }
        if (value == DEAD)
        {
            return 9;
        }
        final int flag = died(value) ? 10 : 0;
        return owner(value) == ME_1 ? 1 + flag : owner(value) == ME_2 ? 2 + flag : -1;
    }

    private static void remove()
    {
        REGISTRY.release();
        try (Stream<Path> files = Files.walk(DIRECTORY))
        {
            for (final Path path : (Iterable<Path>)files.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException ex)
        {
            System.err.println("mmipc: cannot remove " + DIRECTORY + ": " + ex);
        }
    }
}
