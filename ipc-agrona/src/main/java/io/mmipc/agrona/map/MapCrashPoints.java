package io.mmipc.agrona.map;

import io.mmipc.Idle;
import io.mmipc.internal.wait.Waiter;

/**
 * Named points inside a write where a crash test can stop a process and kill it, to show that
 * a death at exactly that point is repaired. Off unless the system property {@value #PROPERTY}
 * names a point at start-up: the check is then a constant the JIT folds away.
 */
final class MapCrashPoints
{
    static final String PROPERTY = "io.mmipc.agrona.map.crashPoint";
    private static final String POINT = System.getProperty(PROPERTY);

    private MapCrashPoints()
    {
    }

    /**
     * When {@code point} is the one named, says so on stdout and waits until killed.
     */
    static void reached(final String point)
    {
        if (POINT != null && POINT.equals(point))
        {
            System.out.println("crash-point " + point);
            System.out.flush();
            final Waiter untilKilled = new Waiter(Idle.backoff().get()).begin(Waiter.FOREVER, false);
            while (true)
            {
                untilKilled.idle();
            }
        }
    }
}
