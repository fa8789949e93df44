package io.mmipc.examples;

import io.mmipc.IpcContext;
import io.mmipc.SharedMemory;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.internal.launch.ChildOutput;
import io.mmipc.internal.launch.JvmLauncher;

import java.nio.file.Paths;
import java.time.Duration;

/**
 * Two JVMs share one mapped file: the parent writes a number, a child JVM started by the launcher
 * answers with its square, 100,000 times; no byte leaves memory.
 * <pre>
 * offset 0:   request sequence (parent writes, release)
 * offset 128: reply sequence   (child writes, release)
 * offset 256: request value, offset 264: reply value
 * </pre>
 */
public final class SharedMemoryDemo
{
    static final int ROUNDS = 100_000;
    private static final int REQUEST_SEQ = 0;
    private static final int REPLY_SEQ = 128;
    private static final int REQUEST_VALUE = 256;
    private static final int REPLY_VALUE = 264;

    private SharedMemoryDemo()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final SharedMemory mem = ctx.sharedMemory("squares", 4096);
            System.out.println("parent pid " + ProcessHandle.current().pid() + " mapped " + mem.path());
            try (ChildJvm child = JvmLauncher.mainClass(Squarer.class)
                .args(ctx.directory().toString())
                .output(ChildOutput.prefixed("[squarer] "))
                .start())
            {
                long checksum = 0;
                final long start = System.nanoTime();
                for (long seq = 1; seq <= ROUNDS; seq++)
                {
                    mem.putLong(REQUEST_VALUE, seq);
                    mem.putLongRelease(REQUEST_SEQ, seq);
                    awaitSequence(mem, REPLY_SEQ, seq, child);
                    checksum += mem.getLong(REPLY_VALUE);
                }
                final long elapsed = System.nanoTime() - start;
                mem.putLongRelease(REQUEST_SEQ, -1); // tells the child to stop
                if (!child.waitFor(Duration.ofSeconds(30)))
                {
                    throw new IllegalStateException("squarer did not stop");
                }
                long expected = 0;
                for (long i = 1; i <= ROUNDS; i++)
                {
                    expected += i * i;
                }
                System.out.printf("%,d round trips with pid %d through %s: %.2f us each%n",
                    ROUNDS, child.pid(), mem.name(), elapsed / 1e3 / ROUNDS);
                System.out.println("sum of squares " + checksum + (checksum == expected ? " (correct)" : " (WRONG)"));
                if (checksum != expected)
                {
                    System.exit(1);
                }
            }
        }
    }

    private static void awaitSequence(final SharedMemory mem, final int offset, final long seq, final ChildJvm peer)
    {
        long spins = 0;
        while (mem.getLongAcquire(offset) != seq)
        {
            if ((++spins & 0xFFFF) == 0)
            {
                if (peer != null && !peer.isAlive())
                {
                    throw new IllegalStateException("the squarer died: " + peer);
                }
                Thread.yield();
            }
            Thread.onSpinWait();
        }
    }

    /** The child: answers each request with its square until told to stop. */
    public static final class Squarer
    {
        public static void main(final String[] args)
        {
            try (IpcContext ctx = IpcContext.open(Paths.get(args[0])))
            {
                final SharedMemory mem = ctx.sharedMemory("squares");
                System.out.println("child pid " + ProcessHandle.current().pid() + " mapped the same file");
                long next = 1;
                while (true)
                {
                    final long seq = mem.getLongAcquire(REQUEST_SEQ);
                    if (seq == -1)
                    {
                        break;
                    }
                    if (seq == next)
                    {
                        final long value = mem.getLong(REQUEST_VALUE);
                        mem.putLong(REPLY_VALUE, value * value);
                        mem.putLongRelease(REPLY_SEQ, seq);
                        next++;
                    }
                    else
                    {
                        Thread.onSpinWait();
                    }
                }
                System.out.println("child answered " + (next - 1) + " requests");
            }
        }
    }
}
