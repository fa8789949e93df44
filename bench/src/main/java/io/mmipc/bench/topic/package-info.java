/**
 * Fan-out benchmarks: throughput ({@link io.mmipc.bench.topic.TopicThroughputBenchmark}) and round
 * trip ({@link io.mmipc.bench.topic.TopicRoundTripBenchmark}) from the benchmark JVM to two or three
 * subscriber JVMs ({@code -p subscribers=2,3}), every contender in the same run:
 * <ul>
 *   <li>{@code MMIPC_ZERO_COPY}: an mmipc {@link io.mmipc.Topic} with the BLOCK policy, offer from a
 *   buffer, a handler that checksums in place;</li>
 *   <li>{@code MMIPC_CODEC}: the same carrying {@code byte[]} objects through its codec;</li>
 *   <li>{@code MMIPC_LAP}: the LAP policy, zero-copy (subscribers copy, then check they were not lapped);</li>
 *   <li>{@code AGRONA_BROADCAST}: Agrona's {@code BroadcastTransmitter} and {@code CopyBroadcastReceiver}
 *   over a mapped file, the ceiling;</li>
 *   <li>{@code AERON_IPC}: Aeron IPC through an embedded media driver (its thread backs off).</li>
 * </ul>
 * Every subscriber checksums every byte of every message ({@link io.mmipc.bench.support.Tally}) and
 * exits (code 3) on one that is not the payload sent. With more busy threads than cores on a small
 * machine, peers yield when idle; read the results as ratios.
 * <pre>
 * java -jar bench/target/benchmarks.jar "Topic(Throughput|RoundTrip)Benchmark" -p subscribers=2,3
 * </pre>
 */
package io.mmipc.bench.topic;
