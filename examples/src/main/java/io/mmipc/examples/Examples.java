package io.mmipc.examples;

import io.mmipc.examples.dict.UpdateSharedDict;
import io.mmipc.examples.memory.SharedMemoryBuf;
import io.mmipc.examples.manager.ManagerListAndNamespace;
import io.mmipc.examples.manager.ProcessManager;
import io.mmipc.examples.net.NetworkPoolSquares;
import io.mmipc.examples.net.NetworkProcessManager;
import io.mmipc.examples.pipe.PipeHelloWorld;
import io.mmipc.examples.pipe.PipeSenderReceiver;
import io.mmipc.examples.pipe.PipeTwoWay;
import io.mmipc.examples.pipe.WaitOnReaders;
import io.mmipc.examples.pool.ApplyAsyncResults;
import io.mmipc.examples.pool.CrossPlatformWorker;
import io.mmipc.examples.pool.ErrorCallback;
import io.mmipc.examples.pool.ImageBatch;
import io.mmipc.examples.pool.ParallelMatrix;
import io.mmipc.examples.pool.PoolInitializer;
import io.mmipc.examples.pool.PoolSquares;
import io.mmipc.examples.pool.ProcessPoolExecutorPrimes;
import io.mmipc.examples.pool.ProcessCountBenchmark;
import io.mmipc.examples.pool.RiskyTasksWithTraceback;
import io.mmipc.examples.pool.SquaresAndFactorials;
import io.mmipc.examples.process.CustomProcess;
import io.mmipc.examples.process.Greeting;
import io.mmipc.examples.process.LogToStderr;
import io.mmipc.examples.process.SquaresAndEvens;
import io.mmipc.examples.process.SquaresProcess;
import io.mmipc.examples.process.ThreeWorkers;
import io.mmipc.examples.process.TwoWorkersTiming;
import io.mmipc.examples.process.WhoAmI;
import io.mmipc.examples.process.WorkerErrors;
import io.mmipc.examples.queue.JoinableQueueWorkers;
import io.mmipc.examples.queue.ProducerConsumer;
import io.mmipc.examples.queue.QueueEvens;
import io.mmipc.examples.queue.QueueSquares;
import io.mmipc.examples.queue.TaskAndResultQueues;
import io.mmipc.examples.sync.BarrierWithAction;
import io.mmipc.examples.sync.CounterWithAndWithoutLock;
import io.mmipc.examples.sync.LockAndValue;
import io.mmipc.examples.sync.LockedPrint;
import io.mmipc.examples.sync.NotifySome;
import io.mmipc.examples.sync.ValueAndArrayTypes;
import io.mmipc.examples.topic.PriceTicker;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * Every ported program, by name: {@code java -jar examples/target/mmipc-examples.jar NAME}.
 * Seeds: 000 "Parallel computing", 001 "Multiprocessing in Python" (code lost, rebuilt from the
 * prose), 002 "Multiprocessing module: a comprehensive guide", 003 "Introduction to multiprocessing"
 * (code lost, rebuilt from the prose).
 */
public final class Examples
{
    /** One ported program. */
    public record Example(String name, Class<?> main, String seed, String what)
    {
    }

    public static final List<Example> ALL = List.of(
        new Example("ThreeWorkers", ThreeWorkers.class, "000", "three workers start together, finish after 2 s"),
        new Example("WorkerErrors", WorkerErrors.class, "000", "exceptions caught inside workers and reported"),
        new Example("QueueSquares", QueueSquares.class, "000", "a process puts squares on a Queue"),
        new Example("PoolSquares", PoolSquares.class, "000", "Pool.map of squares: [1, 4, 9, 16, 25]"),
        new Example("PipeTwoWay", PipeTwoWay.class, "001", "two-way parent/child exchange over a Pipe"),
        new Example("TaskAndResultQueues", TaskAndResultQueues.class, "001", "task queue and result queue, 3 workers"),
        new Example("CounterWithAndWithoutLock", CounterWithAndWithoutLock.class, "001",
            "a shared counter without a lock beside the same with one"),
        new Example("TwoWorkersTiming", TwoWorkersTiming.class, "002", "two workers, different durations, total time"),
        new Example("CustomProcess", CustomProcess.class, "002", "a Process subclass with its own run()"),
        new Example("SquaresAndFactorials", SquaresAndFactorials.class, "002", "Pool.map of squares and of factorials"),
        new Example("ApplyAsyncResults", ApplyAsyncResults.class, "002", "apply_async with get(timeout)"),
        new Example("ProducerConsumer", ProducerConsumer.class, "002", "producer/consumer, a None sentinel, get(timeout)"),
        new Example("PipeSenderReceiver", PipeSenderReceiver.class, "002", "one-way sender, receiver until EOFError"),
        new Example("LockAndValue", LockAndValue.class, "002", "Lock + Value('i', 0): four workers, 'Final value'"),
        new Example("ImageBatch", ImageBatch.class, "002", "images resized by a Pool with the JDK's imaging"),
        new Example("ParallelMatrix", ParallelMatrix.class, "002", "matrix rows split across a Pool, assembled"),
        new Example("ErrorCallback", ErrorCallback.class, "002", "apply_async with an error callback; task 2 raises"),
        new Example("RiskyTasksWithTraceback", RiskyTasksWithTraceback.class, "002", "the traceback variant"),
        new Example("ProcessCountBenchmark", ProcessCountBenchmark.class, "002",
            "timings with 1, 2, 4, cpu_count, 2 x cpu_count processes"),
        new Example("CrossPlatformWorker", CrossPlatformWorker.class, "002",
            "a Pool worker returning a dict of data/result/pid/platform"),
        new Example("UpdateSharedDict", UpdateSharedDict.class, "002",
            "Manager().dict(): three processes fill one dict, then print it"),
        new Example("ManagerListAndNamespace", ManagerListAndNamespace.class, "-",
            "Manager().list() and Namespace(): four processes append and count"),
        new Example("ProcessManager", ProcessManager.class, "002",
            "workers, a task queue, a shutdown Event, SIGINT/SIGTERM, terminate then kill"),
        new Example("NetworkProcessManager", NetworkProcessManager.class, "002",
            "the ProcessManager across nodes: queues on a home node, workers as nodes of their own (Aeron UDP)"),
        new Example("NetworkPoolSquares", NetworkPoolSquares.class, "000",
            "Pool.map of squares with its workers on another node, started there by a PoolAgent (Aeron UDP)"),
        new Example("Greeting", Greeting.class, "003", "Process(target=greeting, args=('bob',))"),
        new Example("SquaresProcess", SquaresProcess.class, "003", "a process that prints squares"),
        new Example("SquaresAndEvens", SquaresAndEvens.class, "003", "p1 prints squares while p2 checks evens"),
        new Example("QueueEvens", QueueEvens.class, "003", "the even-number checker putting results on a Queue"),
        new Example("PipeHelloWorld", PipeHelloWorld.class, "003", "the child that sends 'hello world'"),
        new Example("LockedPrint", LockedPrint.class, "003", "a lock around printing"),
        new Example("LogToStderr", LogToStderr.class, "003", "log_to_stderr from several processes"),
        new Example("SharedMemoryDemo", SharedMemoryDemo.class, "-", "two JVMs, one mapped file, 100,000 requests"),
        new Example("ProcessPoolExecutorPrimes", ProcessPoolExecutorPrimes.class, "-",
            "concurrent.futures.ProcessPoolExecutor: which numbers are prime"),
        new Example("PoolInitializer", PoolInitializer.class, "-", "Pool(initializer=..., initargs=...)"),
        new Example("WhoAmI", WhoAmI.class, "-", "current_process, parent_process, active_children"),
        new Example("BarrierWithAction", BarrierWithAction.class, "-", "Barrier(3, action, timeout): one action per round"),
        new Example("NotifySome", NotifySome.class, "-", "Condition.notify(2) wakes two of four waiters"),
        new Example("ValueAndArrayTypes", ValueAndArrayTypes.class, "-",
            "Value('f'), Array('h'), Array('c') .value/.raw, Value('b') wrapping, set by a child"),
        new Example("SharedMemoryBuf", SharedMemoryBuf.class, "-", "shared_memory: .buf written here, read and written typed in a child"),
        new Example("PriceTicker", PriceTicker.class, "-", "a Topic fans a price ticker out to three screen processes"),
        new Example("JoinableQueueWorkers", JoinableQueueWorkers.class, "-",
            "daemon workers call task_done(); JoinableQueue.join() waits for them"),
        new Example("WaitOnReaders", WaitOnReaders.class, "-",
            "connection.wait on four pipe readers until each reaches EOFError"));

    private Examples()
    {
    }

    public static Example find(final String name)
    {
        for (final Example e : ALL)
        {
            if (e.name().equalsIgnoreCase(name) || e.main().getName().equals(name))
            {
                return e;
            }
        }
        return null;
    }

    static void list(final PrintStream out)
    {
        out.println("java -jar examples/target/mmipc-examples.jar NAME, where NAME is one of:");
        for (final Example e : ALL)
        {
            out.printf("  %-26s seed %s  %s%n", e.name(), e.seed(), e.what());
        }
    }

    static void run(final Example example, final String[] args) throws Exception
    {
        try
        {
            example.main().getMethod("main", String[].class).invoke(null, (Object)args);
        }
        catch (final InvocationTargetException ex)
        {
            if (ex.getCause() instanceof Exception cause)
            {
                throw cause;
            }
            throw ex;
        }
    }
}
