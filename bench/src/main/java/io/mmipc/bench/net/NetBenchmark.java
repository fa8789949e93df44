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
 * Round trip across the network stack: mmipc's network Pipe beside raw Aeron UDP and TCP + Java
 * serialization ({@link NetTrial}); the peer echoes every message.
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class NetBenchmark extends NetTrial
{
    @Override
    String peerMode()
    {
        return "echo";
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Contender(suite = "network round trip {size} B, two JVMs over loopback", param = "netContender", variants = {
        @Variant(value = "MMIPC_AERON", name = "mmipc network Pipe (Aeron UDP, AES-GCM frames)", role = Role.MMIPC),
        @Variant(value = "RAW_AERON_UDP", name = "raw Aeron UDP publication/subscription", role = Role.CEILING),
        @Variant(value = "TCP_JAVA_SERIALIZATION", name = "TCP + Java serialization", role = Role.BASELINE)})
    @Spinning(threads = 0, note = "Aeron pollers (raw and mmipc) wait with the same backoff; TCP blocks in the kernel; " +
        "each Aeron driver is one SHARED thread with a 1 ms backoff")
    public long roundTrip() throws Exception
    {
        link.send(message, size);
        link.receive();
        return link.received.sum();
    }
}
