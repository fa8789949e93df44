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

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.util.concurrent.TimeUnit;

/**
 * What sealing a frame costs: AES-128-GCM in place (a fresh nonce, the 12-byte header
 * authenticated, the payload encrypted, a 16-byte tag), as mmipc's network frames are sealed,
 * beside the HMAC-SHA256 tag over header and payload that sealed them before (authenticated, not
 * encrypted). A sender seals and a receiver opens each frame: about twice this per frame is the
 * security's share of a round trip in {@link NetBenchmark}. Large messages go in 16 KiB chunks.
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MacBenchmark
{
    @Param({"64", "16384", "65536"})
    public int size;

    private Mac mac;
    private Cipher cipher;
    private SecretKeySpec key;
    private final byte[] nonce = new byte[12];
    private long sequence;
    private byte[] frame;
    private final byte[] out = new byte[32];

    @Setup
    public void setup() throws Exception
    {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Payload.create(32), "HmacSHA256"));
        frame = new byte[12 + size + 16];
        System.arraycopy(Payload.create(size), 0, frame, 12, size);
        cipher = Cipher.getInstance("AES/GCM/NoPadding");
        key = new SecretKeySpec(Payload.create(32), 0, 16, "AES");
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Contender(suite = "frame sealing {size} B, one thread", name = "AES-128-GCM in place (mmipc)",
        role = Contender.Role.MMIPC)
    @Spinning(threads = 0, note = "one thread computing")
    public byte[] gcm() throws Exception
    {
        final long n = sequence++;
        for (int i = 0; i < 8; i++)
        {
            nonce[i] = (byte)(n >>> (8 * i));
        }
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(frame, 0, 12);
        cipher.doFinal(frame, 12, size, frame, 12); // encrypts what the last call encrypted: the cost is the same
        return frame;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Contender(suite = "frame sealing {size} B, one thread", name = "HMAC-SHA256 tag (mmipc before: not encrypted)",
        role = Contender.Role.PEER)
    @Spinning(threads = 0, note = "one thread computing")
    public byte[] hmac() throws Exception
    {
        mac.update(frame, 0, 12 + size);
        mac.doFinal(out, 0);
        return out;
    }
}
