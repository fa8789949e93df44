package io.mmipc.examples.process;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.ProcessInfo;
import io.mmipc.SharedEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's process introspection, line for line:
 * <pre>
 * def worker(go):
 *     me, parent = current_process(), parent_process()
 *     print(f"{me.name} (pid {me.pid}), child of {parent.name} (pid {parent.pid})")
 *     go.wait()
 *
 * if __name__ == '__main__':
 *     print(current_process().name)
 *     go = Event()
 *     ps = [Process(target=worker, args=(go,), name=f"worker-{i}") for i in range(3)]
 *     for p in ps: p.start()
 *     print("active children:", len(active_children()))
 *     go.set()
 *     for p in ps: p.join()
 *     print("active children:", len(active_children()))
 * </pre>
 */
public final class WhoAmI
{
    static void worker(final SharedEvent go) throws InterruptedException
    {
        final ProcessInfo me = JvmProcess.currentProcess();
        final ProcessInfo parent = JvmProcess.parentProcess().orElseThrow();
        System.out.println(me.name() + " (pid " + me.pid() + "), child of " + parent.name() + " (pid " +
            parent.pid() + ")");
        go.await();
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            System.out.println(JvmProcess.currentProcess().name());
            final SharedEvent go = ctx.event("go");
            final List<JvmProcess> ps = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                ps.add(JvmProcess.of(() -> worker(go)).name("worker-" + i));
            }
            for (final JvmProcess p : ps)
            {
                p.start();
            }
            System.out.println("active children: " + JvmProcess.activeChildren().size());
            go.set();
            for (final JvmProcess p : ps)
            {
                p.join();
            }
            System.out.println("active children: " + JvmProcess.activeChildren().size());
        }
    }
}
