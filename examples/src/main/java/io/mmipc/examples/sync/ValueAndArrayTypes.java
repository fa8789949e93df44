package io.mmipc.examples.sync;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.SharedByte;
import io.mmipc.SharedCharArray;
import io.mmipc.SharedFloat;
import io.mmipc.SharedShortArray;

import java.util.Arrays;

/**
 * The "sharing state between processes" program of Python's {@code multiprocessing} documentation,
 * with the typecodes beyond 'i' and 'd':
 * <pre>
 * def f(n, a, text, small):
 *     n.value = 3.1415927
 *     for i in range(len(a)):
 *         a[i] = -a[i]
 *     text.value = b'hello from the child'
 *     small.value += 1
 *
 * num = Value('f', 0.0)
 * arr = Array('h', range(10))
 * text = Array('c', 32)
 * small = Value('b', 127)
 * p = Process(target=f, args=(num, arr, text, small))
 * p.start()
 * p.join()
 * print(num.value)
 * print(arr[:])
 * print(text.value, len(text.raw))
 * print(small.value)
 * </pre>
 * Python's 'c' holds bytes; Java's text unit is the 16-bit char, so {@code charArray} holds
 * UTF-16 code units and {@code value()}/{@code raw()} are strings.
 */
public final class ValueAndArrayTypes
{
    private ValueAndArrayTypes()
    {
    }

    static void f(final SharedFloat n, final SharedShortArray a, final SharedCharArray text, final SharedByte small)
    {
        n.set(3.1415927f);
        for (int i = 0; i < a.length(); i++)
        {
            a.set(i, (short)-a.get(i));
        }
        text.value("hello from the child");
        small.incrementAndGet(); // a C byte: 127 + 1 wraps to -128, as ctypes' c_byte does
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final SharedFloat num = ctx.floatValue("num", 0f);                     // Value('f', 0.0)
            final short[] range = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
            final SharedShortArray arr = ctx.shortArray("arr", range);            // Array('h', range(10))
            final SharedCharArray text = ctx.charArray("text", 32);                // Array('c', 32)
            final SharedByte small = ctx.byteValue("small", (byte)127);           // Value('b', 127)

            final JvmProcess p = JvmProcess.of(() -> f(num, arr, text, small));
            p.start();
            p.join();

            System.out.println(num.get());
            System.out.println(Arrays.toString(arr.toArray()));
            System.out.println(text.value() + " " + text.raw().length());
            System.out.println(small.get());
        }
    }
}
