package io.mmipc.internal.wait;

import io.mmipc.Idle;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.internal.launch.JvmLauncher;
import io.mmipc.test.Children;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.mmipc.test.Children.await;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The wake protocol between real JVMs sharing a mapped file: no lost wake-up in a stress of short
 * waits, a sleeper killed with {@code kill -9} costs one spare wake and leaves the others working,
 * and the fallback forced by {@code -Dmmipc.wait.futex=false} passes the same tests, alone and
 * beside JVMs that sleep in the kernel.
 */
class WakeAcrossProcessesTest
{
    private static final int ROUNDS = 20_000;
    private static final Duration CHILD_TIME = Duration.ofSeconds(240);

    @TempDir
    Path dir;

    /** How the two children of a test wait. */
    enum Mode
    {
        /** Both sleep in the kernel. */
        FUTEX(false, false),
        /** Both back off: {@code -Dmmipc.wait.futex=false}. */
        FALLBACK(true, true),
        /** The pinger backs off but still wakes; the ponger sleeps in the kernel. */
        MIXED(true, false);

        final boolean pingForcedOff;
        final boolean pongForcedOff;

        Mode(final boolean pingForcedOff, final boolean pongForcedOff)
        {
            this.pingForcedOff = pingForcedOff;
            this.pongForcedOff = pongForcedOff;
        }
    }

    @BeforeAll
    static void futex()
    {
        assumeTrue(Futex.loadNow(), Futex.status());
    }

    private static JvmLauncher child(final Class<?> main, final boolean forcedOff, final String... args)
    {
        final JvmLauncher launcher = Children.launcher(main, args);
        return forcedOff ? launcher.systemProperty(Futex.PROPERTY, "false") : launcher;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    @Timeout(300)
    void twoJvmsPingPongWithoutALostWakeUp(final Mode mode) throws Exception
    {
        try (WakeFile file = WakeFile.createOrOpen(dir);
             ChildJvm pong = child(PingPongMain.class, mode.pongForcedOff, dir.toString(), "pong").start();
             ChildJvm ping = child(PingPongMain.class, mode.pingForcedOff, dir.toString(), "ping").start())
        {
            Children.finish(ping, CHILD_TIME);
            Children.finish(pong, CHILD_TIME);
            assertEquals(ROUNDS, file.pingData());
            assertEquals(WakeFile.reply(ROUNDS), file.pongData());
            final String counts = mode + ": ping " + file.ping + ", pong " + file.pong;
            System.out.println(counts);
            switch (mode)
            {
                case FUTEX:
                    assertTrue(file.ping.sleepCount() > 0 && file.ping.wakeCount() > 0, counts);
                    assertTrue(file.pong.sleepCount() > 0 && file.pong.wakeCount() > 0, counts);
                    break;
                case FALLBACK:
                    assertEquals(0, file.ping.sleepCount() + file.ping.wakeCount(), counts);
                    assertEquals(0, file.pong.sleepCount() + file.pong.wakeCount(), counts);
                    break;
                case MIXED:
                    // The ponger sleeps on "ping" and the backing-off pinger wakes it.
                    assertTrue(file.ping.sleepCount() > 0 && file.ping.wakeCount() > 0, counts);
                    assertEquals(0, file.pong.sleepCount() + file.pong.wakeCount(), counts);
                    break;
                default:
                    fail(counts);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"FUTEX", "FALLBACK"})
    @Timeout(300)
    void aSleeperKilledWithSigkillLeavesTheOthersWorking(final Mode mode) throws Exception
    {
        final boolean off = mode == Mode.FALLBACK;
        try (WakeFile file = WakeFile.createOrOpen(dir);
             ChildJvm killed = child(SleeperMain.class, off, dir.toString()).start();
             ChildJvm survivor = child(SleeperMain.class, off, dir.toString()).start())
        {
            Children.awaitLine(killed, "waiting", CHILD_TIME);
            Children.awaitLine(survivor, "waiting", CHILD_TIME);
            if (!off)
            {
                await("both in FUTEX_WAIT", CHILD_TIME, () -> file.ping.sleepCount() >= 2);
            }
            killed.kill();
            assertTrue(killed.waitFor(CHILD_TIME));

            file.putPingData(1);
            file.ping.signal();
            assertTrue(Children.finish(survivor, CHILD_TIME).contains("woke"));
            final long wakes = file.ping.wakeCount();
            assertEquals(off ? 0 : 1, wakes, file.ping.toString());
            for (int i = 0; i < 1_000; i++)
            {
                file.ping.signal();
            }
            assertEquals(wakes, file.ping.wakeCount(), "no wake once nobody sleeps: " + file.ping);
            if (off)
            {
                assertEquals(0, file.ping.sleepCount());
            }
        }
    }

    @Test
    @Timeout(300)
    void aSleeperKilledAloneCostsExactlyOneSpareWake() throws Exception
    {
        try (WakeFile file = WakeFile.createOrOpen(dir);
             ChildJvm sleeper = Children.start(SleeperMain.class, dir.toString()))
        {
            Children.awaitLine(sleeper, "waiting", CHILD_TIME);
            await("the sleeper in FUTEX_WAIT", CHILD_TIME, () -> file.ping.sleepCount() >= 1);
            sleeper.kill();
            assertTrue(sleeper.waitFor(CHILD_TIME));
            assertEquals(WakeWordDescriptor.SLEEPERS, file.ping.wordVolatile() & WakeWordDescriptor.SLEEPERS,
                "the dead sleeper's flag: " + file.ping);
            for (int i = 0; i < 1_000; i++)
            {
                file.ping.signal();
            }
            assertEquals(1, file.ping.wakeCount(), file.ping.toString());
        }
    }

    /** One side of {@link PingPong}, sleeping in the kernel from its first idle unless forced off. */
    public static final class PingPongMain
    {
        public static void main(final String[] args) throws Exception
        {
            Futex.loadNow(); // wakes work from the first round, whatever the property says
            try (WakeFile file = WakeFile.createOrOpen(Paths.get(args[0])))
            {
                final Waiter waiter = new Waiter(Idle.backoff().get(), 0, 0, WaiterTest.LONG_SLICE);
                final String failure = args[1].equals("ping") ?
                    PingPong.ping(file, waiter, ROUNDS) : PingPong.pong(file, waiter, ROUNDS);
                if (failure != null)
                {
                    System.err.println(failure);
                    System.exit(3);
                }
                System.out.println(args[1] + " done: " + file.ping + " " + file.pong);
            }
        }
    }

    /** Waits (up to two minutes, uninterruptibly) for the ping data to become 1. */
    public static final class SleeperMain
    {
        public static void main(final String[] args) throws Exception
        {
            Futex.loadNow();
            try (WakeFile file = WakeFile.createOrOpen(Paths.get(args[0])))
            {
                final Waiter waiter = new Waiter(Idle.backoff().get(), 0, 0, WaiterTest.LONG_SLICE)
                    .begin(TimeUnit.MINUTES.toNanos(2), false, PingPong.NO_CHECKS, file.ping);
                System.out.println("waiting");
                int status = Waiter.AGAIN;
                while (file.pingData() != 1 && status == Waiter.AGAIN)
                {
                    status = waiter.idle();
                }
                waiter.end();
                if (status != Waiter.AGAIN)
                {
                    System.err.println("no wake-up: " + file.ping);
                    System.exit(3);
                }
                System.out.println("woke " + file.ping);
            }
        }
    }
}
