package io.mmipc.cli;

import io.mmipc.IpcContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code mmipc stat} reads every type of the generated value/array family through the generated
 * {@code ValueTypes}: each value's slot and each array's element size.
 */
class StatValueTypesTest
{
    @TempDir
    Path root;

    @Test
    void readsTheValueOfEveryTypeAndTheElementSizeOfEveryArray() throws Exception
    {
        try (IpcContext ctx = IpcContext.builder().root(root).name("types").build())
        {
            ctx.byteValue("byte", (byte)-3);
            ctx.shortValue("short", (short)-300);
            ctx.floatValue("float", 1.5f);
            ctx.charValue("char", 'x');
            ctx.intValue("int", -5);
            ctx.byteArray("bytes", 3);
            ctx.shortArray("shorts", 3);
            ctx.floatArray("floats", 3);
            ctx.charArray("chars", 3).value("ab");
            ctx.booleanArray("flags", 3);

            final Cli.Result result = Cli.run("stat", "--json", ctx.directory().toString());
            assertEquals(0, result.exitCode(), result::toString);
            final Map<String, Object> stat = result.jsonObject();
            assertEquals(-3L, state(StatTest.object(stat, "byte")).get("value"));
            assertEquals(-300L, state(StatTest.object(stat, "short")).get("value"));
            assertEquals(1.5, state(StatTest.object(stat, "float")).get("value"));
            assertEquals("x", state(StatTest.object(stat, "char")).get("value"));
            assertEquals(-5L, state(StatTest.object(stat, "int")).get("value"));
            assertEquals("value int8", StatTest.object(stat, "byte").get("label"));
            for (final String array : new String[] {"bytes", "shorts", "floats", "chars", "flags"})
            {
                final Map<String, Object> object = StatTest.object(stat, array);
                assertEquals(3L, params(object).get("length"), array);
                assertEquals(false, object.get("damaged"), array + ": " + object);
                assertEquals(List.of(), object.get("problems"), array + ": " + object);
            }
            assertEquals("array char16", StatTest.object(stat, "chars").get("label"));
            assertEquals(false, stat.get("damaged"), result::toString);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> state(final Map<String, Object> object)
    {
        return (Map<String, Object>)object.get("state");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> params(final Map<String, Object> object)
    {
        return (Map<String, Object>)object.get("params");
    }
}
