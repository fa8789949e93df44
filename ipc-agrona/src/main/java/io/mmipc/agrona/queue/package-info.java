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
 * <h2>One message, end to end</h2>
 * A channel is composed, not inherited: a {@link io.mmipc.agrona.queue.RingChannel} (the mapped
 * direction), a {@link io.mmipc.agrona.queue.RingSender} and a
 * {@link io.mmipc.agrona.queue.RingReceiver}. The one-to-one queue is a sender plus a receiver over
 * one channel; a pipe end is a receiver on the channel addressed to it plus a sender on the other;
 * the many-to-many queue's receiver takes a {@link io.mmipc.agrona.queue.ConsumerTurn} around
 * each read. Objects become bytes and back in {@link io.mmipc.agrona.queue.ObjectCodec} only.
 * <ul>
 *   <li>Send: the sender writes with Agrona's own {@code OneToOneRingBuffer} /
 *   {@code ManyToOneRingBuffer} ({@code write}, {@code tryClaim}/{@code commit}/{@code abort});
 *   the type word carries the record's kind and 23 check bits derived from its length word
 *   ({@link io.mmipc.agrona.queue.ChannelDescriptor#typeId}). Messages above the inline limit (an
 *   eighth of the ring) go through a spill file ({@link io.mmipc.agrona.queue.SpillFiles}).</li>
 *   <li>Receive: {@link io.mmipc.agrona.queue.RingReader} follows Agrona's read protocol but checks
 *   every length and type before use: a record must be a header long at least and lie inside the
 *   ring (aligned); a data or spill record's header must match its check and data must fit the
 *   inline limit; padding (which Agrona writes without a check) must end at or before the
 *   producer's position. A bad word is a {@link io.mmipc.SharedStateCorruptedException} naming
 *   the file and offset, and the record stays where it is.</li>
 *   <li>Wait: every blocking call loops on its non-blocking attempt through the one
 *   {@link io.mmipc.internal.wait.Waiter} (one per thread and object), whose check period drives
 *   the peer-liveness checks. A long wait sleeps in the kernel on the channel's data-arrived or
 *   room-freed wake word, and the other side signals it only when a sleeper may be there, with
 *   no system call and, on the busy-spin path, no fence per message
 *   ({@link io.mmipc.agrona.queue.ChannelWakes} has the no-lost-wake-up argument and its
 *   one-slice window).</li>
 * </ul>
 *
 * <h2>Who is who</h2>
 * Every queue or pipe-end object is a {@link io.mmipc.agrona.queue.Participant}: a lease on the
 * directory's participant registry and an owner id (registry token, per-JVM object number). Every
 * word that says who holds something is an {@link io.mmipc.internal.owner.OwnerWord}, claimed
 * and taken over through the ownership core, whose liveness check reads {@code /proc} (a zombie
 * is dead).
 * <ul>
 *   <li>One-to-one queue: the producer's word in the process slot, the consumer's in the consumer
 *   word, each a {@link io.mmipc.agrona.queue.Role}: a second live holder is refused, a dead one
 *   is taken over.</li>
 *   <li>Many-to-many queue: every object registers in a process slot (roles producer/consumer and
 *   its count of committed messages); consumers take turns through the consumer word, acquired
 *   and released around each read.</li>
 *   <li>Pipe: each end slot holds the word of the object that has the end open (a
 *   {@link io.mmipc.agrona.queue.Role}), and a flag set once it has ever been opened.</li>
 * </ul>
 *
 * <h2>Delivery and crashes</h2>
 * <ul>
 *   <li>Exactly one consumer gets each message: one consumer (or turn holder) reads at a time,
 *   and the head moves past what it read.</li>
 *   <li>At-most-once: before a handler runs, the consumer records the end of that message as its
 *   taken position. A consumer that takes over from a dead one moves the head to that position,
 *   so the message the dead one was handling is lost, and none it finished comes again.</li>
 *   <li>Per-producer order: a producer's records lie in the ring in the order of its writes, and a
 *   consumer reads the ring in order.</li>
 *   <li>A many-to-one producer that dies between claim and commit blocks the ring; the turn
 *   holder turns the claim into padding after the dead-process timeout when no producer whose
 *   process lives has a claim open, and counts it in {@code skippedMessages()}. Each producer
 *   object counts, in its process slot, the claims it began (before the tail moves) and those it
 *   committed (after the record is published), so an open claim is visible from before it exists
 *   until its bytes are in place. A live producer's claim is never skipped: a stopped, debugged or
 *   descheduled producer holds its consumers up until it commits (then its message arrives as
 *   usual) or dies (then its claim is skipped after the timeout). Its ring space is reused only
 *   after one of the two, so no consumer receives bytes written through a skipped claim.</li>
 *   <li>A one-to-one producer's death is end-of-stream for its consumer. A new producer that takes
 *   over its role pads the dead one's open claim and the stream goes on.</li>
 *   <li>A pipe end is at end-of-stream once the other end has been opened and is now closed or
 *   its process dead, and nothing it sent is left.</li>
 * </ul>
 *
 * <h2>Cost</h2>
 * The one-to-one path adds to Agrona's ring: the mapping guard (no atomic instruction in the
 * thread that opened the object), one store per message on each side to a line only that side
 * writes (the producer's count, the consumer's taken position), the reader's checks, which
 * are arithmetic on words it reads anyway, and the wake check: one load of a line written once
 * per channel, plus a full fence per message (per batch for room) once the other side waits
 * with a parking strategy (the default) and may sleep in the kernel. Checking every record against the producer's
 * position instead would cost the producer a cache-line ownership miss per message (measured:
 * round trip 1.45x raw Agrona, against about 1.1x with the check bits).
 */
package io.mmipc.agrona.queue;
