/**
 * Queue benchmarks: one-to-one throughput ({@link io.mmipc.bench.queue.QueueThroughputBenchmark})
 * and round-trip latency ({@link io.mmipc.bench.queue.QueueRoundTripBenchmark}) between two JVMs,
 * every contender in the same run. Every contender sends the same
 * {@link io.mmipc.bench.support.Payload}, and every consumer reads every byte it receives: a
 * {@link io.mmipc.bench.support.Tally} sums the payload's longs and trailing bytes and compares the
 * sum with the one sent (a consumer reading 8 bytes of 64 KiB would let a ratio compare a
 * producer's copy into a cache-resident ring with a consumer that deserializes everything):
 * <ul>
 *   <li>{@code MMIPC_ZERO_COPY}: an mmipc one-to-one queue, offer from a buffer; the consumer's
 *   handler checksums the message in place in the mapped ring (no copy, no allocation);</li>
 *   <li>{@code MMIPC_ZERO_COPY_UNCOUNTED}: the same with mmipc's live counters off in both JVMs
 *   ({@code -Dmmipc.counters=false}, set before the first object opens): the ratio of the two is
 *   what counting costs (the goal: within 3%);</li>
 *   <li>{@code MMIPC_CODEC}: the same queue carrying {@code byte[]} objects through its codec; the
 *   consumer checksums each decoded array;</li>
 *   <li>{@code MMIPC_CODEC_UNCOUNTED}: the same with the live counters off in both JVMs;</li>
 *   <li>{@code AGRONA_RAW}: Agrona's {@code OneToOneRingBuffer} over a mapped file, the ceiling; its
 *   handler checksums in place, as mmipc's zero-copy one does;</li>
 *   <li>{@code OS_PIPE}: Java-serialized {@code byte[]} over a named FIFO, what Python's Queue does;
 *   the consumer deserializes each array and checksums it.</li>
 * </ul>
 * The peers of {@code io.mmipc.bench.peers} do the same: Aeron IPC checksums each fragment in
 * place, TCP loopback deserializes and checksums each array. Where the benchmark thread receives
 * (round trips) the sum is returned to JMH and checked at tear-down; peer JVMs compare each sum
 * with the payload's and exit (code 3) on a mismatch, so the benchmark fails instead of measuring
 * a broken transport.
 * <p>
 * The peer JVM ({@link io.mmipc.bench.queue.QueuePeer}) starts through {@code PeerJvm}; both sides
 * busy-spin (two spinning threads in all). Results are read as ratios: mmipc / raw Agrona and
 * mmipc / pipe.
 * <pre>
 * mvn -q -B -o -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar "Queue(Throughput|RoundTrip)Benchmark" -f 2 -prof gc
 * </pre>
 * <b>Extending.</b> Message sizes are a {@code @Param} ({@code -p size=64,1024,65536}); rings grow
 * with the size ({@link io.mmipc.bench.queue.Transport#ringCapacity}). A new contender (Aeron IPC,
 * TCP loopback ...) is a {@link io.mmipc.bench.queue.Transport} constant with a
 * {@link io.mmipc.bench.queue.Link} subclass: {@code prepare} makes its files in the benchmark JVM,
 * {@code open} connects either side, and the peer and both benchmarks take it as they are.
 */
package io.mmipc.bench.queue;
