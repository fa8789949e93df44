/**
 * The shared dict, Python's {@code multiprocessing.Manager().dict()} in shared memory: the
 * implementation behind {@link io.mmipc.IpcContext#dict}, found through
 * {@link io.mmipc.internal.spi.MapProvider}. One file per map, laid out in
 * {@link io.mmipc.agrona.map.MapDescriptor}.
 *
 * <h2>Table</h2>
 * A key's 64-bit hash (seeded per file) picks a bucket; buckets hold chains of 128-byte entry
 * records. Buckets are split into contiguous ranges, one per stripe, and each stripe has a robust
 * lock record ({@link io.mmipc.agrona.sync.LockCore} over
 * {@link io.mmipc.internal.owner.OwnerWord}, as {@link io.mmipc.SharedLock}) and a version word.
 * Writers of different stripes never wait for each other. A record holds the key when it fits (96 bytes) and two value slots in what is left;
 * longer keys and values go to chains of data blocks. Records and blocks come from two pools
 * shared by all stripes, so capacity is global: {@code maxEntries} entries fit however the keys
 * hash.
 *
 * <h2>Writing without tearing</h2>
 * A writer holds its stripe's lock and never overwrites what a reader may be reading: a new
 * entry is written into a claimed record (and blocks) and published by a release store of its
 * ref into the bucket head; a new value goes into the value slot not in use, or into new blocks,
 * and is published by a release store of the entry's 64-bit value word; a removal is a release
 * store of the next ref into the predecessor. Only after such a store, and after bumping the
 * stripe's version, does it free what became unreachable.
 *
 * <h2>Reading without locks</h2>
 * A reader reads the version, walks the chain, copies the value, and reads the version again: if
 * it is unchanged nothing it read was freed, so the copy is whole; else it looks again, and after
 * 16 tries takes the lock. Every ref and length read is range-checked first, so a torn look
 * costs a retry, never an exception or a loop. A dead writer leaves the version as it was:
 * readers never wait for it.
 *
 * <h2>Crashes</h2>
 * A process killed anywhere leaves every reachable entry whole (each change was one store); what
 * it can leave wrong is space (a record or blocks claimed but never published, or unlinked but
 * not yet freed) and its stripe's count. Its stripe's lock stays with the dead process until the
 * next writer of that stripe (or an iteration, a {@code clear}) takes it over (about ten
 * milliseconds of polling) and is told the owner died; that writer then marks what the stripe's
 * chains reach, frees what the stripe owns beyond it, and recounts
 * ({@link io.mmipc.agrona.map.MapRepair}), before its own write. A writer that finds a pool full
 * first does the same for every stripe a dead process still holds.
 *
 * <h2>Space and its worst cases</h2>
 * <ul>
 *   <li>Free space is the owner words of the records and blocks; a hint bitmap (a bit per item)
 *   steers the search. A claim is two CASes; the worst case, a nearly full pool, reads the whole
 *   bitmap ({@code items / 64} words) once. A free is one CAS and one store.</li>
 *   <li>Deleted space is reused at once and never fragments: every record is 128 bytes and every
 *   block {@code blockBytes}; a key or value of {@code n} bytes in blocks takes exactly
 *   {@code ceil(n / (blockBytes - 16))} of them. No compaction is ever needed.</li>
 *   <li>An update of a value that fits its record's slot allocates nothing. One that does not
 *   holds its old and new blocks for a moment, so the data space must leave room for the new
 *   values of the updates in flight.</li>
 *   <li>A lookup walks one bucket's chain: there are at least as many buckets as entries, and the
 *   hash, seeded at random per file, keeps chains short even for keys chosen to collide
 *   elsewhere.</li>
 *   <li>A repair after a crash reads every owner word once.</li>
 *   <li>Iteration and {@code clear} lock every stripe (in order, so they cannot deadlock with each
 *   other) for as long as copying or unlinking the entries takes; single-key readers are not held up.</li>
 * </ul>
 *
 * <h2>Cost</h2>
 * Every call enters the file's close guard: free of atomic instructions for the thread that opened
 * the map, two atomics for other threads. A get is lock-free; a write is one CAS to lock, one
 * release store to unlock, plus the stores above. Keys and values go through per-thread scratch
 * buffers; the {@code *Bytes} methods skip the codecs. Writers waiting for a stripe wait through
 * {@link io.mmipc.internal.wait.Waiter}, with the map's idle strategy.
 *
 * <h2>The list and the namespace</h2>
 * {@link io.mmipc.SharedList} ({@code Manager().list()}) reuses the dict's parts in a file of its
 * own ({@link io.mmipc.agrona.map.ListDescriptor}): elements are chains of data blocks from one
 * {@link io.mmipc.agrona.map.BlockAllocator} pool ({@link io.mmipc.agrona.map.BlockChains}, the
 * same code as the dict's values), listed by 64-bit words in an index table, under one robust
 * {@link io.mmipc.agrona.sync.LockCore}. An append writes past the size and publishes the size; a
 * replace publishes one element word; an insert or remove writes the shifted table into a second
 * table and switches to it and to the new size with one store of the state word. Reads are the
 * dict's: version, look, version. The next holder of the lock after a dead one frees the blocks the
 * active table does not reach ({@link io.mmipc.agrona.map.ListTable#repair()}).
 * {@link io.mmipc.SharedNamespace} ({@code Manager().Namespace()}) is a dict of kind
 * {@code NAMESPACE}: names to Java-serialized values, read back through its filter.
 *
 * <h2>Handles</h2>
 * A map serializes as an {@link io.mmipc.internal.spi.Handle} of kind {@code dict} whose codec
 * slot holds the codecs and the capacity ({@link io.mmipc.agrona.map.DictShape});
 * {@link io.mmipc.agrona.map.AgronaMapProvider} opens the existing file again, checking both. A list
 * travels as kind {@code list} with a {@link io.mmipc.agrona.map.ListShape}, a namespace as kind
 * {@code namespace} with a {@code DictShape}.
 */
package io.mmipc.agrona.map;
