package io.mmipc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@link MessageQueue} that counts its tasks: Python's {@code multiprocessing.JoinableQueue}.
 * Every message put is an unfinished task until a consumer calls {@link #taskDone()} for it;
 * {@link #join()} waits, in any process, until no task is unfinished.
 * <pre>{@code
 * JoinableQueue<String> tasks = ctx.joinableQueue("tasks", Codecs.utf8());
 * // consumer, in a child JVM:
 * while (true) { String t = tasks.take(); work(t); tasks.taskDone(); }
 * // producer:
 * for (String t : work) tasks.put(t);
 * tasks.join();                                      // every task done
 * }</pre>
 * <b>The count lives in shared memory</b>, beside the queue, so producers, consumers and joiners
 * may be any processes. Every producer must put through a {@code JoinableQueue} (a plain
 * {@link MessageQueue} on the same name does not count its messages).
 * <p>
 * <b>A consumer that dies.</b> Each queue object keeps, in the shared file, how many tasks it holds
 * (taken and not marked done, or being put). When its process dies (kill -9 included) the
 * tasks it held are <em>settled</em>: they stop counting as unfinished and count in
 * {@link #lostTasks()}, and a warning names the dead pid. Joiners look for dead holders about every
 * 100 ms while they wait, so {@code join()} never waits for a dead process; it returns once every
 * task is done or lost, and the caller compares {@code lostTasks()} to see whether work was lost.
 * A consumer killed while it waits in {@code take()} holds nothing. A process killed in the
 * middle of a put, a read or a {@code taskDone()} may leave one task
 * counted lost that was in fact delivered or done: {@code join()} may then return one task early,
 * never late. The accounting assumes that the object that takes a task is the one that marks it
 * done (as in every tutorial); marking tasks done through another object works while everyone
 * lives.
 * <p>
 * Serializable as a handle, like every queue: a child JVM that deserializes it opens the same
 * joinable queue.
 *
 * @param <T> the type of the objects the codec carries.
 */
public interface JoinableQueue<T> extends MessageQueue<T>
{
    /**
     * Python's {@code task_done()}: one task taken from the queue is finished. The last one wakes
     * every {@link #join()}.
     *
     * @throws IllegalStateException when no task is unfinished (called more times than tasks were
     *                               put: Python's {@code ValueError}).
     */
    void taskDone();

    /**
     * Python's {@code join()}: waits until every task put has been marked done (or lost with a
     * dead consumer).
     */
    void join() throws InterruptedException;

    /**
     * @return false when tasks were still unfinished after {@code timeout}.
     */
    boolean join(long timeout, TimeUnit unit) throws InterruptedException;

    default boolean join(final Duration timeout) throws InterruptedException
    {
        return join(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * @return how many tasks are unfinished now: put and neither marked done nor lost.
     */
    long unfinishedTasks();

    /**
     * @return how many tasks were held by consumers (or producers) whose process died, over the
     *         queue's life, in any process.
     */
    long lostTasks();
}
