package io.mmipc.bench.wake;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Each side's CPU time over an iteration, beside the iteration's wall time, as JMH secondary
 * results ({@code @AuxCounters} of type EVENTS, which JMH sums over iterations; so they are raw
 * nanoseconds, and a side's CPU share is {@code benchCpuNanos / wallNanos} and
 * {@code peerCpuNanos / wallNanos}, also printed at the end of each iteration).
 * <p>
 * The benchmark side is the whole benchmark JVM (JMH's own threads included: idle while it
 * measures), read with {@code OperatingSystemMXBean.getProcessCpuTime()}; the peer's is read from
 * the kernel's account of its process ({@code ProcessHandle.Info.totalCpuDuration()}, which Linux
 * keeps in clock ticks: 10 ms). The benchmark names its peer with {@link #watch} in its trial
 * setup (a static hand-over: JMH would give a state injected here instances of its own, and so
 * peers of their own).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuShare
{
    public long benchCpuNanos;
    public long peerCpuNanos;
    public long wallNanos;

    private static volatile String peerLabel = "none";
    private static volatile long peerPid = -1;

    private long benchStart;
    private long peerStart;
    private long wallStart;

    /**
     * Names the peer whose CPU time the next iterations read.
     */
    static void watch(final String label, final long pid)
    {
        peerLabel = label;
        peerPid = pid;
    }

    @Setup(Level.Iteration)
    public void start()
    {
        benchStart = processCpuNanos();
        peerStart = cpuNanos(peerPid);
        wallStart = System.nanoTime();
    }

    @TearDown(Level.Iteration)
    public void stop()
    {
        wallNanos = System.nanoTime() - wallStart;
        benchCpuNanos = processCpuNanos() - benchStart;
        peerCpuNanos = cpuNanos(peerPid) - peerStart;
        System.out.printf("%n%s CPU share over %.1f s: benchmark JVM %.1f%%, peer JVM %.1f%%%n", peerLabel,
            wallNanos / 1e9, 100.0 * benchCpuNanos / wallNanos, 100.0 * peerCpuNanos / wallNanos);
    }

    private static long processCpuNanos()
    {
        return ((com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    private static long cpuNanos(final long pid)
    {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration()).map(Duration::toNanos)
            .orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid));
    }
}
