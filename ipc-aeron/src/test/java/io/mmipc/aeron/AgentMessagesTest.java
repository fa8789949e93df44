package io.mmipc.aeron;

import io.mmipc.JvmProcess;
import io.mmipc.Task;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a pool agent reads: its own records, and nothing else.
 */
class AgentMessagesTest
{
    private static byte[] javaSerialized(final Object value) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    @Test
    void aStartRequestRoundTrips()
    {
        final AgentMessages.Start start = new AgentMessages.Start("PoolWorker-1", "pool-1-w0-0", "pool-1-w0-0.ctl",
            4096, new String[] {"com.acme.**"}, 3, new byte[] {9, 8, 7}, new String[] {"-Xmx64m"});
        final AgentMessages.Start read = assertInstanceOf(AgentMessages.Start.class,
            AgentMessages.read(AgentMessages.write(start)));
        assertEquals("pool-1-w0-0", read.pipe());
        assertArrayEquals(new byte[] {9, 8, 7}, read.initializer());
        assertArrayEquals(new String[] {"com.acme.**"}, read.allowPatterns());
        assertInstanceOf(AgentMessages.Kill.class, AgentMessages.read(AgentMessages.write(new AgentMessages.Kill())));
    }

    @Test
    void tasksProcessesAndOtherClassesAreRefusedByName() throws IOException
    {
        final Task task = (Task & Serializable)() -> System.out.println("not a pool worker");
        final IllegalStateException lambda = assertThrows(IllegalStateException.class,
            () -> AgentMessages.read(javaSerialized(task)));
        assertTrue(lambda.getMessage().contains("SerializedLambda"), lambda.getMessage());
        final IllegalStateException process = assertThrows(IllegalStateException.class,
            () -> AgentMessages.read(javaSerialized(JvmProcess.of(task))));
        assertTrue(process.getMessage().contains(JvmProcess.class.getName()), process.getMessage());
        final IllegalStateException list = assertThrows(IllegalStateException.class,
            () -> AgentMessages.read(javaSerialized(new ArrayList<>(List.of("x")))));
        assertTrue(list.getMessage().contains("java.util.ArrayList"), list.getMessage());
        assertThrows(IllegalStateException.class, () -> AgentMessages.read(new byte[] {1, 2, 3}));
    }

    @Test
    void aStartRequestWithCraftedFieldsIsRefusedWhenRead() throws IOException
    {
        // Records are read through their canonical constructor: a path-like pipe name cannot be made.
        final AgentMessages.Start ok = new AgentMessages.Start("w", "pipe", "pipe.ctl", 4096, new String[0], 0, null,
            new String[0]);
        final byte[] bytes = javaSerialized(ok);
        final byte[] crafted = replace(bytes, "pipe.ctl", "../../xy");
        assertThrows(IllegalStateException.class, () -> AgentMessages.read(crafted));
        assertThrows(IllegalArgumentException.class, () -> new AgentMessages.Start("w", "p", "c", 4096,
            new String[] {"!*"}, 0, null, new String[0]));
    }

    private static byte[] replace(final byte[] bytes, final String from, final String to)
    {
        // Same length, so the stream's string length prefix stays right.
        assertEquals(from.length(), to.length());
        final byte[] out = bytes.clone();
        final byte[] f = from.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i + f.length <= out.length; i++)
        {
            boolean match = true;
            for (int j = 0; j < f.length && match; j++)
            {
                match = out[i + j] == f[j];
            }
            if (match)
            {
                System.arraycopy(to.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, out, i, f.length);
                return out;
            }
        }
        throw new AssertionError(from + " is not in the stream");
    }
}
