package io.mmipc.agrona.map;

import io.mmipc.IpcContext;
import io.mmipc.ListOptions;
import io.mmipc.SharedList;
import io.mmipc.SharedLong;
import io.mmipc.codec.Codecs;

import java.nio.file.Paths;
import java.util.List;

/**
 * The child JVMs of the list's crash tests: {@code main(scenario, directory, args...)}. They open
 * the list by name in the directory, change it, and are killed with SIGKILL in the middle.
 */
public final class ListChild
{
    static final ListOptions OPTIONS = ListOptions.defaults().maxElements(128).maxElementBytes(2048)
        .dataBytes(256 * 1024).blockBytes(64);
    static final int STREAM_MAX = 50;

    private ListChild()
    {
    }

    public static void main(final String[] args)
    {
        final IpcContext ctx = IpcContext.open(Paths.get(args[1]));
        final SharedList<String> list = ctx.list(args[0].equals("stream") ? "stream" : "crash", Codecs.utf8(),
            OPTIONS);
        switch (args[0])
        {
            case "stream" -> stream(list, ctx.longValue("completed", 0));
            // Stops at the crash point named by the system property, holding the list's lock.
            case "append" -> list.add(args[2]);
            case "insert" -> list.add(Integer.parseInt(args[2]), args[3]);
            case "remove" -> list.remove(Integer.parseInt(args[2]));
            case "set" -> list.set(Integer.parseInt(args[2]), args[3]);
            case "pop" -> list.pop();
            default -> throw new IllegalArgumentException("no scenario " + args[0]);
        }
        throw new IllegalStateException("did not stop at crash point " + System.getProperty(MapCrashPoints.PROPERTY));
    }

    /**
     * Applies operation after operation, numbered on from where the last child was killed; after
     * each returns, records its number in {@code completed}.
     */
    private static void stream(final SharedList<String> list, final SharedLong completed)
    {
        System.out.println("streaming from " + completed.get());
        System.out.flush();
        for (long op = completed.get() + 1; ; op++)
        {
            apply(list, op);
            completed.setRelease(op);
        }
    }

    /**
     * Operation {@code op} on a list (the shared one, or the test's model): what it does depends only
     * on {@code op} and the list's size.
     */
    static void apply(final List<String> list, final long op)
    {
        final String value = value(op);
        final int size = list.size();
        final int at = (int)(op % (size + 1));
        switch (size >= STREAM_MAX ? 3 : (int)(op % 6))
        {
            case 1 -> list.add(at, value);
            case 2 -> list.set(Math.min(at, size - 1), value);
            case 3 -> list.remove(Math.min(at, size - 1));
            case 5 -> list.addAll(at, List.of(value, value + "+"));
            default -> list.add(value);
        }
    }

    static String value(final long op)
    {
        return "op-" + op + "-" + "x".repeat((int)(op * 37 % 400)); // from one block to eight
    }
}
