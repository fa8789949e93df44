package io.mmipc.agrona.sync;

import io.mmipc.SharedByte;
import io.mmipc.SharedByteArray;
import io.mmipc.SharedCharArray;
import io.mmipc.SharedFloat;
import io.mmipc.SharedShort;

import java.util.List;

/**
 * The child JVM of {@link PrimitiveFamilyAcrossJvmsTest}: {@code main(handles, count, text)}
 * re-opens a byte, a short, a float, a byte array and a char array from their handles, adds to
 * each {@code count} times, then writes {@code text} into the char array when it is not "-".
 */
public final class FamilyChild
{
    private FamilyChild()
    {
    }

    public static void main(final String[] args)
    {
        final List<Object> objects = SyncChild.decode(args[0]);
        final int count = Integer.parseInt(args[1]);
        final SharedByte b = (SharedByte)objects.get(0);
        final SharedShort s = (SharedShort)objects.get(1);
        final SharedFloat f = (SharedFloat)objects.get(2);
        final SharedByteArray bytes = (SharedByteArray)objects.get(3);
        final SharedCharArray text = (SharedCharArray)objects.get(4);
        for (int i = 0; i < count; i++)
        {
            b.incrementAndGet();
            s.incrementAndGet();
            f.addAndGet(0.5f);
            // Neighbouring bytes of one word, so the sub-word compare-and-set races across processes.
            bytes.incrementAndGet(i % bytes.length());
        }
        if (!args[2].equals("-"))
        {
            text.value(args[2]);
        }
        System.out.println("done " + count);
    }
}
