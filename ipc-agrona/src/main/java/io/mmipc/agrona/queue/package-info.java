/**
 * Shared-memory {@link io.mmipc.MessageQueue} and {@link io.mmipc.Pipe} on Agrona ring buffers.
 *
 * <h2>Files</h2>
 * A queue is one file: a consumer word, a retired-count word, a channel (consumer slot, Agrona
 * ring, Agrona trailer) and process slots ({@link io.mmipc.agrona.queue.QueueDescriptor}). A pipe
 * is one file with two end slots and one channel per direction
 * ({@link io.mmipc.agrona.queue.PipeDescriptor}, {@link io.mmipc.agrona.queue.ChannelDescriptor}).
 * Every word that a process writes on the message path has a 128-byte slot of its own; records
 * are Agrona's (8-byte header: length, type; aligned to 8), with types data (1), spill
 * reference (2) and Agrona's padding (-1).
 *
 * <h2>Writing and reading</h2>
 * Producers write with Agrona's own {@code OneToOneRingBuffer} / {@code ManyToOneRingBuffer}
 * ({@code write}, {@code tryClaim}/{@code commit}/{@code abort}); the type word they pass carries
 * the record's kind and 23 check bits derived from its length word
 * ({@link io.mmipc.agrona.queue.ChannelDescriptor#typeId}). Consumers read with
 * {@link io.mmipc.agrona.queue.RingReader}, which follows Agrona's read protocol but checks every
 * length and type before use: a record must be a header long at least and lie inside the ring
 * (aligned); a data or spill record's header must match its check and data must fit the inline
 * limit; padding (which Agrona writes without a check) must end at or before the producer's
 * position. A bad word is a {@link io.mmipc.SharedStateCorruptedException} naming the file and
 * offset, and the record stays where it is.
 * Messages above the inline limit (an eighth of the ring) go through a spill file
 * ({@link io.mmipc.agrona.queue.SpillFiles}).
 *
 * <h2>Who is who</h2>
 * Every queue or pipe object holds a {@link io.mmipc.agrona.queue.ProcessToken}: pid, process
 * start time and an object number in one 64-bit word, so one CAS installs it and the word alone
 * tells whether its holder lives. Slots and lock words hold tokens.
 * <ul>
 *   <li>One-to-one queue: the producer's token in the process slot, the consumer's in the consumer
 *   word; a second live holder is refused, a dead one is taken over.</li>
 *   <li>Many-to-many queue: every object registers in a process slot (roles producer/consumer and
 *   its count of committed messages); consumers take turns through the consumer word, a lock
 *   taken and released around each read.</li>
 *   <li>Pipe: each end slot holds the token of the process that has the end open, and a flag set
 *   once it has ever been opened.</li>
 * </ul>
 *
 * <h2>Delivery and crashes</h2>
 * <ul>
 *   <li>Exactly one consumer gets each message: one consumer (or lock holder) reads at a time, and
 *   the head moves past what it read.</li>
 *   <li>At-most-once: before a handler runs, the consumer records the end of that message as its
 *   taken position. A consumer that takes over from a dead one moves the head to that position,
 *   so the message the dead one was handling is lost, and none it finished comes again.</li>
 *   <li>Per-producer order: a producer's records lie in the ring in the order of its writes, and a
 *   consumer reads the ring in order.</li>
 *   <li>A many-to-one producer that dies between claim and commit blocks the ring; the lock holder
 *   turns the claim into padding after the dead-process timeout when a registered producer is
 *   dead (after ten timeouts in any case), and counts it in {@code skippedMessages()}.</li>
 *   <li>A one-to-one producer's death is end-of-stream for its consumer. A new producer that takes
 *   over its slot pads the dead one's open claim and the stream goes on.</li>
 *   <li>A pipe end is at end-of-stream once the other end has been opened and is now closed or
 *   its process dead, and nothing it sent is left.</li>
 * </ul>
 *
 * <h2>Cost</h2>
 * The one-to-one path adds to Agrona's ring: the mapping guard (no atomic instruction in the
 * thread that opened the object), one store per message on each side to a line only that side
 * writes (the producer's count, the consumer's taken position), and the reader's checks, which
 * are arithmetic on words it reads anyway. Checking every record against the producer's
 * position instead would cost the producer a cache-line ownership miss per message (measured:
 * round trip 1.45x raw Agrona, against about 1.1x with the check bits).
 */
package io.mmipc.agrona.queue;
