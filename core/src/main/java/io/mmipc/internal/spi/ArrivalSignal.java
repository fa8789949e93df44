package io.mmipc.internal.spi;

/**
 * A receiving end whose messages come from another node rather than through a mapped ring whose
 * publisher signals a wake word on this host: it runs a callback while a message waits for a
 * receiver that is not polling, so a thread that sleeps on a local wake word (the pool's
 * dispatcher) wakes for it instead of at the end of its sleep slice.
 */
public interface ArrivalSignal
{
    /**
     * @param signal run on the transport's own thread, quickly and possibly more than once per
     *               message, while a message waits here and nobody receives; null for none.
     */
    void onArrival(Runnable signal);
}
