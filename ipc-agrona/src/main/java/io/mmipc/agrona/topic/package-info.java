/**
 * Shared-memory {@link io.mmipc.Topic}: fan-out, where every subscriber in any process receives
 * every message.
 *
 * <h2>File</h2>
 * One file per topic ({@link io.mmipc.agrona.topic.TopicDescriptor}): the tail (the next sequence
 * to claim), the wake region the queue's channels use ({@link io.mmipc.agrona.queue.ChannelWakes}),
 * one 128-byte slot per publisher and per subscriber, and a ring of fixed-size message slots, each
 * with a commit tag (its sequence plus one), its length and a check word.
 *
 * <h2>One message, end to end</h2>
 * <ul>
 *   <li>Publish ({@link io.mmipc.agrona.topic.TopicWriter}): note the claim in the publisher's
 *   slot, take a sequence from the tail (BLOCK: a CAS bounded by the slowest subscriber; LAP: an
 *   add), write length, check and bytes, store the commit tag with release, note the claim done,
 *   wake sleeping subscribers if any may sleep.</li>
 *   <li>Receive ({@link io.mmipc.agrona.topic.TopicReader}): the slot of the cursor is ready when its
 *   tag is the cursor plus one; everything else in it is checked before use, as
 *   {@link io.mmipc.agrona.queue.RingReader} checks the queue's records. BLOCK hands the bytes over
 *   in place and moves the subscriber's position after the batch; LAP copies, then checks it was
 *   not lapped during the copy.</li>
 *   <li>Wait: one {@link io.mmipc.internal.wait.Waiter} per publisher and subscription; subscribers
 *   sleep on the data-arrived word, held-back BLOCK publishers on the room-freed word, and the
 *   other side signals only when a sleeper may be there ({@code ChannelWakes} has the argument).</li>
 * </ul>
 *
 * <h2>Who is who, and crashes</h2>
 * Every topic object is a {@link io.mmipc.agrona.queue.Participant}; every slot's holder is an
 * {@link io.mmipc.internal.owner.OwnerWord} ({@link io.mmipc.agrona.topic.TopicMembers}), claimed
 * with a CAS and taken over when its holder's process is dead.
 * <ul>
 *   <li>A subscriber killed with {@code kill -9} keeps its slot and position, so under BLOCK it
 *   governs until a held-back publisher finds its word unchanged for the dead-process timeout and
 *   its process dead, and frees the slot.</li>
 *   <li>A publisher killed between claim and commit leaves one slot whose tag never comes; a
 *   subscriber waiting at it for the dead-process timeout passes it once every live publisher has
 *   finished the claims it had begun by then (counted in {@code missed()}). A live publisher's
 *   claim is always waited for.</li>
 *   <li>A subscriber that joins stores the tail as its position before it reads the tail again and
 *   starts there, so a BLOCK publisher that did not see it yet never laps it.</li>
 * </ul>
 */
package io.mmipc.agrona.topic;
