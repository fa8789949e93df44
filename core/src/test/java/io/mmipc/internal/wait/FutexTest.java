package io.mmipc.internal.wait;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.mmipc.Idle;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FutexTest
{
    @BeforeAll
    static void linuxWithAKnownSyscall()
    {
        assumeTrue(Futex.syscallNumber(System.getProperty("os.name"), System.getProperty("os.arch")) > 0,
            "futex is for Linux on x86-64 and aarch64");
    }

    @Test
    void syscallNumbersPerPlatform()
    {
        assertEquals(202, Futex.syscallNumber("Linux", "amd64"));
        assertEquals(202, Futex.syscallNumber("Linux", "x86_64"));
        assertEquals(98, Futex.syscallNumber("Linux", "aarch64"));
        assertEquals(-1, Futex.syscallNumber("Mac OS X", "aarch64"));
        assertEquals(-1, Futex.syscallNumber("Linux", "riscv64"));
        assertEquals(-1, Futex.syscallNumber("Windows 11", "amd64"));
    }

    @Test
    @Timeout(60)
    void loadsHere()
    {
        assertTrue(Futex.loadNow(), Futex.status());
        assertTrue(Futex.ready());
        assertTrue(Futex.status().startsWith("futex via JNA"), Futex.status());
    }

    @Test
    @Timeout(60)
    void aWaitForAValueTheWordDoesNotHoldReturnsAtOnce()
    {
        assertTrue(Futex.loadNow(), Futex.status());
        final ByteBuffer word = ByteBuffer.allocateDirect(Integer.BYTES).order(ByteOrder.nativeOrder());
        word.putInt(0, 7);
        final long address = Pointer.nativeValue(Native.getDirectBufferPointer(word));
        assertEquals(Futex.VALUE_CHANGED, Futex.await(address, 8, TimeUnit.SECONDS.toNanos(120), new Futex.Timespec()));
    }

    @Test
    @Timeout(60)
    void aBoundedWaitTimesOutAndAWakeOfNobodyWakesNobody()
    {
        assertTrue(Futex.loadNow(), Futex.status());
        final ByteBuffer word = ByteBuffer.allocateDirect(Integer.BYTES).order(ByteOrder.nativeOrder());
        final long address = Pointer.nativeValue(Native.getDirectBufferPointer(word));
        final long start = System.nanoTime();
        assertEquals(Futex.TIMED_OUT, Futex.await(address, 0, TimeUnit.MILLISECONDS.toNanos(20), new Futex.Timespec()));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(20), "never early");
        assertEquals(0, Futex.wakeAll(address));
    }

    @Test
    @Timeout(120)
    void jnaNeedsNoJvmFlags() throws Exception
    {
        try (ChildJvm child = Children.launcher(Probe.class).requiredFlags(false).start())
        {
            final String out = Children.finish(child, Duration.ofSeconds(90));
            assertTrue(out.contains("loaded=true sleeps=true woken=1"), out + child.stderr());
        }
    }

    @Test
    @Timeout(120)
    void jnaWorksBesideAgronasFlag() throws Exception
    {
        try (ChildJvm child = Children.start(Probe.class))
        {
            final String out = Children.finish(child, Duration.ofSeconds(90));
            assertTrue(out.contains("loaded=true sleeps=true woken=1"), out + child.stderr());
        }
    }

    @Test
    @Timeout(120)
    void thePropertyKeepsWaitsOutOfTheKernelAndSaysSoOnce() throws Exception
    {
        try (ChildJvm child = Children.launcher(Probe.class).systemProperty(Futex.PROPERTY, "false").start())
        {
            final String out = Children.finish(child, Duration.ofSeconds(90));
            assertTrue(out.contains("loaded=true sleeps=false woken=1"), out + child.stderr());
            final String err = child.stderr();
            final int first = err.indexOf(Futex.PROPERTY + "=false");
            assertTrue(first >= 0, err);
            assertEquals(-1, err.indexOf(Futex.PROPERTY + "=false", first + 1), "said once:\n" + err);
        }
    }

    @Test
    @Timeout(120)
    void withoutJnaWaitsBackOffAndSignalsStillWork(@TempDir final Path dir) throws Exception
    {
        final String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !Paths.get(entry).getFileName().toString().startsWith("jna-"))
            .collect(Collectors.joining(File.pathSeparator));
        try (ChildJvm child = Children.launcher(NoJna.class, dir.toString()).classPath(classPath).start())
        {
            final String out = Children.finish(child, Duration.ofSeconds(90));
            assertTrue(out.contains("loaded=false status=the futex could not be loaded through JNA"), out);
            assertTrue(out.contains("wait=" + Waiter.TIMED_OUT + " sleeps=0 wakes=0"), out);
            final String err = child.stderr();
            final int first = err.indexOf("could not be loaded");
            assertTrue(first >= 0, err);
            assertEquals(-1, err.indexOf("could not be loaded", first + 1), "said once:\n" + err);
        }
    }

    /**
     * Without JNA on the class path: a wait with a wake word backs off and times out, and a signal
     * that finds the sleepers flag set neither fails nor wakes.
     */
    public static final class NoJna
    {
        public static void main(final String[] args) throws Exception
        {
            final boolean loaded = Futex.loadNow();
            try (WakeFile file = WakeFile.createOrOpen(Paths.get(args[0])))
            {
                final Waiter waiter = new Waiter(Idle.backoff().get(), 0, 0, WaiterTest.LONG_SLICE)
                    .begin(TimeUnit.MILLISECONDS.toNanos(50), true, file.ping);
                int status;
                do
                {
                    status = waiter.idle();
                }
                while (status == Waiter.AGAIN);
                waiter.end();
                file.ping.arm();
                file.ping.signal();
                System.out.println("loaded=" + loaded + " status=" + Futex.status());
                System.out.println("wait=" + status + " sleeps=" + file.ping.sleepCount() + " wakes=" +
                    file.ping.wakeCount());
            }
        }
    }

    /**
     * Loads the futex, asks twice whether waits may sleep, and wakes a thread asleep on a direct
     * buffer (no Agrona: it must work without any JVM flag).
     */
    public static final class Probe
    {
        public static void main(final String[] args) throws Exception
        {
            final boolean loaded = Futex.loadNow();
            final boolean sleeps = Futex.sleepsAllowed() && Futex.sleepsAllowed();
            final ByteBuffer word = ByteBuffer.allocateDirect(Integer.BYTES).order(ByteOrder.nativeOrder());
            final long address = Pointer.nativeValue(Native.getDirectBufferPointer(word));
            final int[] result = {-1};
            final Thread sleeper = new Thread(() ->
                result[0] = Futex.await(address, 0, TimeUnit.SECONDS.toNanos(60), new Futex.Timespec()));
            sleeper.start();
            int woken = 0;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (woken == 0 && System.nanoTime() < deadline)
            {
                woken = Futex.wakeAll(address); // 0 until the sleeper is in the kernel
                Thread.onSpinWait();
            }
            sleeper.join(TimeUnit.SECONDS.toMillis(60));
            System.out.println("loaded=" + loaded + " sleeps=" + sleeps + " woken=" + woken + " result=" + result[0] +
                " status=" + Futex.status());
        }
    }
}
