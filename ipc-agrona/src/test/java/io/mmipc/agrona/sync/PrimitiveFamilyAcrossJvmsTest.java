package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.SharedByte;
import io.mmipc.SharedByteArray;
import io.mmipc.SharedCharArray;
import io.mmipc.SharedFloat;
import io.mmipc.SharedShort;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The types the generator added (Python's 'b', 'h', 'f' and 'c'/'u') between real JVMs: two
 * children re-open them from handles and update them at once; no update is lost, narrow ones
 * wrap as Java's arithmetic does, and a child's text reads back in the parent.
 */
class PrimitiveFamilyAcrossJvmsTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(180);
    private static final int COUNT = 20_000;

    @TempDir
    Path root;

    @Test
    @Timeout(300)
    void twoChildrenUpdateByteShortFloatAndByteArrayWithoutLosingOneAndOneWritesText() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedByte b = ctx.byteValue("b", (byte)0);
            final SharedShort s = ctx.shortValue("s", (short)0);
            final SharedFloat f = ctx.floatValue("f", 0f);
            final SharedByteArray bytes = ctx.byteArray("bytes", 4);
            final SharedCharArray text = ctx.charArray("text", 32);
            final String handles = SyncChild.encode(b, s, f, bytes, text);
            try (ChildJvm writer = Children.start(FamilyChild.class, handles, Integer.toString(COUNT),
                "h\u00e9llo from a child");
                 ChildJvm other = Children.start(FamilyChild.class, handles, Integer.toString(COUNT), "-"))
            {
                assertTrue(Children.finish(writer, CHILD_TIMEOUT).contains("done " + COUNT));
                assertTrue(Children.finish(other, CHILD_TIMEOUT).contains("done " + COUNT));
            }
            assertEquals((byte)(2 * COUNT), b.get(), "wraps like a byte");
            assertEquals((short)(2 * COUNT), s.get(), "wraps like a short");
            assertEquals(COUNT, f.get(), "0.5 steps are exact in a float up to here");
            for (int i = 0; i < bytes.length(); i++)
            {
                assertEquals((byte)(2 * COUNT / bytes.length()), bytes.get(i), "element " + i);
            }
            assertEquals("h\u00e9llo from a child", text.value());
        }
        try (var left = Files.list(root))
        {
            assertEquals(0, left.count(), "nothing left behind");
        }
    }
}
