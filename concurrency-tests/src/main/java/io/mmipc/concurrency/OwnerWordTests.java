package io.mmipc.concurrency;

import io.mmipc.internal.owner.OwnerWord;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static io.mmipc.concurrency.Participants.*;

/**
 * The ownership word ({@link OwnerWord}) under races. Outcomes are "actor 1's result, actor 2's
 * result, the word afterwards": results are {@link OwnerWord#BUSY} 0, {@code ACQUIRED} 1,
 * {@code MINE} 2, {@code TAKEN_OVER} 3 (release: 1 for true); the word is coded by
 * {@link Participants#holder}: 0 free, 1 or 2 the actor's id, +10 with the died flag. Every
 * outcome not listed is forbidden.
 */
public final class OwnerWordTests
{
    private OwnerWordTests()
    {
    }

    @JCStressTest
    @Outcome(id = "1, 0, 1", expect = Expect.ACCEPTABLE, desc = "actor 1 acquired, actor 2 found it busy")
    @Outcome(id = "0, 1, 2", expect = Expect.ACCEPTABLE, desc = "actor 2 acquired, actor 1 found it busy")
    @State
    public static class FreeWordRace
    {
        private final OwnerWord word = word(0);

        @Actor
        public void actor1(final III_Result r)
        {
            r.r1 = word.acquire(ME_1, 0);
        }

        @Actor
        public void actor2(final III_Result r)
        {
            r.r2 = word.acquire(ME_2, 0);
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = holder(word);
        }
    }

    @JCStressTest
    @Outcome(id = "3, 0, 11", expect = Expect.ACCEPTABLE, desc = "actor 1 took over, told the holder died")
    @Outcome(id = "0, 3, 12", expect = Expect.ACCEPTABLE, desc = "actor 2 took over, told the holder died")
    @State
    public static class DeadHolderRace
    {
        private final OwnerWord word = word(DEAD);

        @Actor
        public void actor1(final III_Result r)
        {
            r.r1 = word.acquire(ME_1, 0);
        }

        @Actor
        public void actor2(final III_Result r)
        {
            r.r2 = word.acquire(ME_2, 0);
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = holder(word);
        }
    }

    @JCStressTest
    @Outcome(id = "1, 1, 2", expect = Expect.ACCEPTABLE, desc = "released, then acquired")
    @Outcome(id = "1, 0, 0", expect = Expect.ACCEPTABLE, desc = "busy while held by a live holder, then released")
    @State
    public static class ReleaseVsAcquire
    {
        private final OwnerWord word = word(ME_1);

        @Actor
        public void releaser(final III_Result r)
        {
            r.r1 = word.release(ME_1) ? 1 : 0;
        }

        @Actor
        public void acquirer(final III_Result r)
        {
            r.r2 = word.acquire(ME_2, 0);
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = holder(word);
        }
    }

    /**
     * The died flag stays with the one that took over: whoever acquires after it released gets a clean word.
     */
    @JCStressTest
    @Outcome(id = "3, 0, 0", expect = Expect.ACCEPTABLE, desc = "actor 1 took over and released; actor 2 came while it held")
    @Outcome(id = "3, 1, 2", expect = Expect.ACCEPTABLE, desc = "actor 1 took over and released; actor 2 acquired, no died flag")
    @Outcome(id = "0, 3, 12", expect = Expect.ACCEPTABLE, desc = "actor 2 took over first")
    @State
    public static class TakeOverReleaseVsAcquire
    {
        private final OwnerWord word = word(DEAD);

        @Actor
        public void taker(final III_Result r)
        {
            r.r1 = word.acquire(ME_1, 0);
            if (r.r1 == OwnerWord.TAKEN_OVER)
            {
                word.release(ME_1);
            }
        }

        @Actor
        public void acquirer(final III_Result r)
        {
            r.r2 = word.acquire(ME_2, 0);
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = holder(word);
        }
    }
}
