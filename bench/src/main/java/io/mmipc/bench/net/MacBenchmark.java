package io.mmipc.bench.net;

import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.Payload;
import io.mmipc.bench.support.Spinning;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.concurrent.TimeUnit;

/**
 * What authenticating a frame costs: one HMAC-SHA256 over a sealed frame (12-byte header and the
 * payload), as a network sender seals and a receiver opens each frame. Twice this per message is
 * the security's share of a network round trip in {@link NetBenchmark}.
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MacBenchmark
{
    @Param({"64", "65536"})
    public int size;

    private Mac mac;
    private byte[] frame;
    private final byte[] out = new byte[32];

    @Setup
    public void setup() throws Exception
    {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Payload.create(32), "HmacSHA256"));
        frame = new byte[12 + size];
        System.arraycopy(Payload.create(size), 0, frame, 12, size);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Contender(suite = "frame authentication {size} B, one thread", name = "HMAC-SHA256 of one frame",
        role = Contender.Role.REFERENCE)
    @Spinning(threads = 0, note = "one thread computing")
    public byte[] seal() throws Exception
    {
        mac.update(frame, 0, frame.length);
        mac.doFinal(out, 0);
        return out;
    }
}
