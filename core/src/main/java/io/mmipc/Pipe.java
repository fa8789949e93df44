package io.mmipc;

import java.nio.file.Path;

/**
 * A pipe between processes: Python's {@code multiprocessing.Pipe()}. Its two ends are
 * {@link #end1()} and {@link #end2()}; duplex by default (each end sends and receives), or one-way
 * ({@link PipeOptions#duplex(boolean) duplex(false)}: end 1 receives what end 2 sends).
 * <pre>{@code
 * Pipe<String> pipe = ctx.pipe("p", Codecs.utf8());
 * PipeEnd<String> parentEnd = pipe.end1(), childEnd = pipe.end2();
 * // give childEnd to a child process; it sends and closes; here:
 * try {
 *     while (true) System.out.println(parentEnd.recv());
 * } catch (EndOfStreamException eof) { }             // Python's EOFError
 * }</pre>
 * Creating a pipe holds neither end open: an end opens on its first use (or {@link PipeEnd#open()})
 * in the process that uses it. So the receiver above sees end-of-stream once the child closed its
 * end or died; Python's parent would hang there, holding a copy of the sending end.
 * <p>
 * Each direction is a one-to-one ring: an end is open in one process at a time (another process
 * that opens it meanwhile is refused), and used by one sending and one receiving thread.
 * A pipe and its ends are {@link java.io.Serializable} as small handles.
 *
 * @param <T> the type of the objects the codec carries.
 */
public interface Pipe<T>
{
    String name();

    Path path();

    boolean isDuplex();

    /**
     * @return end 1 (Python's first connection; in a one-way pipe, the receiving end).
     */
    PipeEnd<T> end1();

    /**
     * @return end 2 (in a one-way pipe, the sending end).
     */
    PipeEnd<T> end2();
}
