package io.mmipc;

import io.mmipc.codec.Codec;
import org.agrona.concurrent.IdleStrategy;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * A list shared by processes: Python's {@code multiprocessing.Manager().list()}, without the
 * server process. The elements live in a mapped file and every process reads and writes it directly.
 * <pre>{@code
 * SharedList<String> results = ctx.list("results", Codecs.utf8());
 * results.add("done by " + id);                 // results.append(...)
 * results.extend(List.of("a", "b"));            // results.extend([...])
 * String last = results.pop();                  // results.pop()
 * List<String> copy = results.subList(0, 2);    // results[0:2], a copy
 * }</pre>
 * Elements cross through a {@link Codec} and are compared by their encoded bytes
 * ({@link #remove(Object)}, {@link #indexOf}, {@link #contains}). Nulls are refused.
 *
 * <h2>Atomicity</h2>
 * Every method that changes the list is atomic across processes, under the list's one robust lock:
 * {@code add}, {@code add(int, e)}, {@link #extend}, {@code addAll} (both forms: all elements or
 * none), {@code set}, {@code remove(int)}, {@code remove(Object)}, {@link #pop()}, {@code clear}.
 * Reads take no lock: {@code get} and {@code size} see one point in time, and look again if a
 * writer freed what they read; a writer that died never holds them up. A sequence of calls is not
 * atomic: {@code if (list.size() > 0) list.get(0)} can fail if another process empties the list in
 * between; {@link #snapshot()} gives one consistent copy.
 *
 * <h2>Iteration and slices</h2>
 * {@code iterator()}, {@code listIterator()}, {@code forEach}, {@code equals}, {@code hashCode}
 * and {@code toString} walk a snapshot taken when they start: every element of one point in time.
 * Their iterators are read-only. {@link #subList} returns a copy, as Python's slice
 * {@code lst[a:b]} does, not a view; writes to it do not reach the shared list.
 *
 * <h2>Crashes</h2>
 * A process killed at any instruction, even half-way through an {@code insert} that shifts
 * elements, leaves every element wholly old or wholly new and the list in its state before or
 * after the call: new bytes go to free space, and each change is published with one release store
 * (a shift writes a copy of the index table and switches to it). The lock is taken over by the next
 * writer, which gives back the space the dead process held; no one calls a recovery method.
 *
 * <h2>Capacity</h2>
 * Set at creation through {@link ListOptions}: an element longer than declared is an
 * {@link IllegalArgumentException}; a list without a free slot or enough data blocks is a
 * {@link SharedListFullException}; nothing is written in either case.
 */
public interface SharedList<T> extends List<T>, SharedResource
{
    /**
     * Python's {@code lst.extend(items)}: appends every element of {@code items}, atomically.
     *
     * @throws SharedListFullException with nothing added, when they do not all fit.
     */
    void extend(Collection<? extends T> items);

    /**
     * Python's {@code lst.pop()}: removes and returns the last element.
     *
     * @throws java.util.NoSuchElementException when the list is empty.
     */
    T pop();

    /**
     * Python's {@code lst.pop(i)}: {@link #remove(int)}.
     */
    T pop(int index);

    /**
     * @return every element at one point in time, in a new {@link java.util.ArrayList}.
     */
    List<T> snapshot();

    /**
     * A copy of the elements {@code [from, to)} at one point in time (Python's slice), not a view.
     *
     * @throws IndexOutOfBoundsException when the range is not inside the list at that point.
     */
    @Override
    List<T> subList(int from, int to);

    Codec<T> codec();

    ListOptions options();

    /**
     * Sets how this process's writers wait for the list's lock.
     *
     * @return this list.
     */
    SharedList<T> idle(Supplier<IdleStrategy> idle);
}
