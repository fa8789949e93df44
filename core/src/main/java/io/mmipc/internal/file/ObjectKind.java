package io.mmipc.internal.file;

/**
 * What a shared file holds. The code is stored in every file's header, so codes never change
 * meaning; new kinds take new codes.
 */
public enum ObjectKind
{
    /** The marker file of a context directory: records the directory's creator. */
    CONTEXT(1),
    /** A raw region of bytes that the user lays out ({@code SharedMemory}, Python's {@code shared_memory}). */
    SHARED_MEMORY(2),
    /** A bounded message queue with one producer and one consumer. */
    QUEUE_ONE_TO_ONE(10),
    /** A bounded message queue with many producers and many consumers. */
    QUEUE_MANY_TO_MANY(11),
    /** A duplex or one-way pipe: two one-to-one rings. */
    PIPE(12),
    /** A spill file that carries one message too large for a ring. */
    SPILL(13),
    /** A fan-out topic: every subscriber receives every message. */
    TOPIC(14),
    /** The task counts of a joinable queue (unfinished tasks, who holds which), beside its queue file. */
    JOINABLE(15),
    /** A single shared value (int, long, double, boolean). */
    VALUE(20),
    /** A fixed-length shared array. */
    ARRAY(21),
    /** A lock, reentrant lock, semaphore, event, condition or barrier word set. */
    SYNC(22),
    /** The registry of processes that take part in a directory's locks. */
    REGISTRY(23),
    /** A shared hash map. */
    MAP(30),
    /** A shared list: an index table over data blocks ({@code Manager().list()}). */
    LIST(31),
    /** A shared namespace: named fields in a dict's layout ({@code Manager().Namespace()}). */
    NAMESPACE(32),
    /** A pool's control block. */
    POOL(40),
    /** One process's live counters for the objects it uses in a directory ({@code io.mmipc.internal.counters}). */
    COUNTERS(50);

    private final int code;

    ObjectKind(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }

    /**
     * @return the kind with this code, or null when no kind has it (a file from a newer version, or garbage).
     */
    public static ObjectKind fromCode(final int code)
    {
        for (final ObjectKind kind : values())
        {
            if (kind.code == code)
            {
                return kind;
            }
        }
        return null;
    }
}
