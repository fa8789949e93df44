/**
 * Live counters that every process can read, in Aeron's model: each process that uses a
 * context writes its own counters file there ({@link io.mmipc.internal.counters.CountersDescriptor}),
 * of which it is the only writer, and readers ({@code mmipc stat}, tests) sum the files of every
 * process ({@link io.mmipc.internal.counters.CountersReader}).
 * <p>
 * An object takes its {@link io.mmipc.internal.counters.Counters} when it opens
 * ({@link io.mmipc.internal.counters.ProcessCounters#open}) and gives them back when it closes;
 * in between, counting is one store (or one atomic add) on a line of this process's own file:
 * no allocation, and no cache line that another process writes. A one-to-one queue's stream is
 * counted in fields and published in steps ({@link io.mmipc.internal.counters.MessageCounts}):
 * exact once a side idles or closes. What another file already
 * holds (a queue's depth from its ring positions, a lock's holder from its owner word) is read
 * there, not counted. {@code -Dmmipc.counters=false} turns counting off.
 */
package io.mmipc.internal.counters;
