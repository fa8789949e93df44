package io.mmipc.bench.net;

import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.Contender.Role;
import io.mmipc.bench.support.Spinning;
import io.mmipc.bench.support.Variant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One-way throughput across the network stack ({@link NetTrial}); the peer checksums and drops
 * every message. mmipc and raw Aeron are held back by the receiver's window (flow control); TCP
 * by its socket buffers.
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class NetThroughputBenchmark extends NetTrial
{
    @Override
    String peerMode()
    {
        return "sink";
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Contender(suite = "network throughput {size} B, two JVMs over loopback", param = "netContender", variants = {
        @Variant(value = "MMIPC_AERON", name = "mmipc network Pipe (Aeron UDP, AES-GCM frames)", role = Role.MMIPC),
        @Variant(value = "RAW_AERON_UDP", name = "raw Aeron UDP publication/subscription", role = Role.CEILING),
        @Variant(value = "TCP_JAVA_SERIALIZATION", name = "TCP + Java serialization", role = Role.BASELINE)})
    @Spinning(threads = 0, note = "Aeron pollers wait with backoff; the sender spins only while back-pressured; TCP blocks")
    public void throughput() throws Exception
    {
        link.send(message, size);
    }
}
