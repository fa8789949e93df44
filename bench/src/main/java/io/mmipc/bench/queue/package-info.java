/**
 * Queue benchmarks: one-to-one throughput ({@link io.mmipc.bench.queue.QueueThroughputBenchmark})
 * and round-trip latency ({@link io.mmipc.bench.queue.QueueRoundTripBenchmark}) between two JVMs,
 * every contender in the same run:
 * <ul>
 *   <li>{@code MMIPC_ZERO_COPY}: an mmipc one-to-one queue, offer from a buffer, read through a handler;</li>
 *   <li>{@code MMIPC_CODEC}: the same queue carrying {@code byte[]} objects through its codec;</li>
 *   <li>{@code AGRONA_RAW}: Agrona's {@code OneToOneRingBuffer} over a mapped file, the ceiling;</li>
 *   <li>{@code OS_PIPE}: Java-serialized {@code byte[]} over a named FIFO, what Python's Queue does.</li>
 * </ul>
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
