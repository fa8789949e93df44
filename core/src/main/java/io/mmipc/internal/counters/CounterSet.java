package io.mmipc.internal.counters;

/**
 * What one counters record counts: the counters of one kind of object, by index. A record has
 * two sides of {@link CountersDescriptor#SIDE_COUNTERS} values, each on its own 128-byte line,
 * so the two threads that usually drive one object (a sender and a receiver) never write one
 * line: indexes below {@link #SIDE_B} are side A's (the sending, locking or appending side),
 * those from {@link #SIDE_B} side B's (the receiving side). Ids are stored in files and never
 * change meaning; new sets take new ids, new counters take unused indexes.
 */
public enum CounterSet
{
    /** A queue object: what it sent (side A) and received (side B). */
    QUEUE(1, names(
        "messagesOut", "bytesOut", "fullEvents"),
        names("messagesIn", "bytesIn", "skippedClaims", "consumerTakeovers")),
    /** End 1 of a pipe: what it sent (side A) and received (side B). */
    PIPE_END_1(2, names(
        "messagesOut", "bytesOut", "fullEvents"),
        names("messagesIn", "bytesIn", "endOfStream")),
    /** End 2 of a pipe. */
    PIPE_END_2(7, names(
        "messagesOut", "bytesOut", "fullEvents"),
        names("messagesIn", "bytesIn", "endOfStream")),
    /** A lock or rlock: counted by the holder, under the lock. */
    LOCK(3, names("acquisitions", "contended", "ownerDiedTakeovers"), names()),
    /** A shared dict. */
    DICT(4, names("stripeRepairs"), names()),
    /** A pool, counted by the process that dispatches its tasks. */
    POOL(5, names("tasksDone", "tasksFailed", "workerDeaths", "workerReplacements"), names()),
    /** A durable log: appends by this process (side A), messages its tailers read (side B). */
    LOG(6, names("appends", "bytesAppended"), names("messagesRead"));

    /** The first index of side B. */
    public static final int SIDE_B = CountersDescriptor.SIDE_COUNTERS;

    /** Queue and pipe end, side A: messages written, their payload bytes, sends that found the ring full. */
    public static final int MESSAGES_OUT = 0;
    public static final int BYTES_OUT = 1;
    public static final int FULL_EVENTS = 2;
    /** Queue and pipe end, side B: messages handed to handlers and their payload bytes. */
    public static final int MESSAGES_IN = SIDE_B;
    public static final int BYTES_IN = SIDE_B + 1;
    /** Queue, side B: claims of dead producers or consumers skipped; consumer turns taken over from the dead. */
    public static final int SKIPPED_CLAIMS = SIDE_B + 2;
    public static final int CONSUMER_TAKEOVERS = SIDE_B + 3;
    /** Pipe end, side B: end-of-stream reported to this end's receiver. */
    public static final int END_OF_STREAM = SIDE_B + 2;

    /** Lock: holds begun (not re-entries), those that found it held, those taken from a dead holder. */
    public static final int ACQUISITIONS = 0;
    public static final int CONTENDED = 1;
    public static final int OWNER_DIED_TAKEOVERS = 2;

    /** Dict: stripes repaired after their lock was taken from a dead writer. */
    public static final int STRIPE_REPAIRS = 0;

    /** Pool: tasks whose result or exception came back, worker processes that died or were replaced. */
    public static final int TASKS_DONE = 0;
    public static final int TASKS_FAILED = 1;
    public static final int WORKER_DEATHS = 2;
    public static final int WORKER_REPLACEMENTS = 3;

    /** Durable log. */
    public static final int APPENDS = 0;
    public static final int BYTES_APPENDED = 1;
    public static final int MESSAGES_READ = SIDE_B;

    private final int id;
    private final String[] names = new String[CountersDescriptor.RECORD_COUNTERS];

    CounterSet(final int id, final String[] sideA, final String[] sideB)
    {
        this.id = id;
        System.arraycopy(sideA, 0, names, 0, sideA.length);
        System.arraycopy(sideB, 0, names, SIDE_B, sideB.length);
    }

    private static String[] names(final String... names)
    {
        return names;
    }

    /**
     * @param end 1 or 2.
     * @return the set of that end of a pipe.
     */
    public static CounterSet pipeEnd(final int end)
    {
        return end == 1 ? PIPE_END_1 : PIPE_END_2;
    }

    /**
     * @return the id stored in a record's metadata.
     */
    public int id()
    {
        return id;
    }

    /**
     * @return the name of counter {@code index} ("messagesOut"), or null when this set does not use it.
     */
    public String counterName(final int index)
    {
        return index >= 0 && index < names.length ? names[index] : null;
    }

    /**
     * @return the set with this id, or null (a file from a newer version, or garbage).
     */
    public static CounterSet fromId(final int id)
    {
        for (final CounterSet set : values())
        {
            if (set.id == id)
            {
                return set;
            }
        }
        return null;
    }
}
