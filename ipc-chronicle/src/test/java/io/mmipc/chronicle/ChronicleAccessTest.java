package io.mmipc.chronicle;

import io.mmipc.DurableLog;
import io.mmipc.internal.AgronaJvmRequirements;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.internal.spi.JvmFlags;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A JVM with only the Agrona flag: opening a durable log fails at once, naming Chronicle's missing
 * flags and the argfile command, and creates nothing.
 */
class ChronicleAccessTest
{
    @TempDir
    Path root;

    @Test
    @Timeout(120)
    void withOnlyTheAgronaFlagOpeningALogNamesTheMissingFlagsAndCreatesNothing() throws Exception
    {
        final Path dir = root.resolve("orders");
        try (ChildJvm child = Children.launcher(OpenLog.class, dir.toString())
            .requiredFlags(false)
            .jvmOptions("--add-exports=" + AgronaJvmRequirements.EXPORT + "=ALL-UNNAMED")
            .start())
        {
            assertTrue(child.waitFor(Duration.ofSeconds(60)), "the child did not finish");
            final String err = child.stderr();
            assertEquals(1, child.exitCode().getAsInt(), err);
            assertTrue(err.contains("IllegalStateException: the durable log (Chronicle Queue) needs 9 more JVM flags"),
                err);
            assertTrue(err.contains("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"), err);
            assertTrue(err.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), err);
            assertTrue(err.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), err);
            assertFalse(err.contains("sun.misc"), "jdk.unsupported exports sun.misc to everyone: " + err);
            assertTrue(err.contains("java -cp <your class path> io.mmipc.internal.spi.JvmFlagsTool --argfile FILE, " +
                "then java @FILE <your usual arguments>. Nothing was created."), err);
            assertFalse(err.contains("map0"), "no trace from inside Chronicle: " + err);
        }
        assertFalse(Files.exists(dir), "a refused open must create nothing: " + dir);
    }

    @Test
    @Timeout(120)
    void oneMissingFlagIsNamedAlone() throws Exception
    {
        final List<String> allButOne = JvmFlags.current().jvmOptions().stream()
            .filter(option -> !option.equals("--add-opens=java.base/java.io=ALL-UNNAMED"))
            .toList();
        final Path dir = root.resolve("orders");
        try (ChildJvm child = Children.launcher(OpenLog.class, dir.toString())
            .requiredFlags(false)
            .jvmOptions(allButOne)
            .start())
        {
            assertTrue(child.waitFor(Duration.ofSeconds(60)), "the child did not finish");
            final String err = child.stderr();
            assertEquals(1, child.exitCode().getAsInt(), err);
            assertTrue(err.contains("needs 1 more JVM flag on this Java: --add-opens=java.base/java.io=ALL-UNNAMED."),
                err);
        }
        assertFalse(Files.exists(dir), dir.toString());
    }

    @Test
    void withEveryFlagNothingIsMissing()
    {
        assertEquals(List.of(), ChronicleAccess.missing(ChronicleAccessTest.class.getClassLoader().getUnnamedModule()));
        ChronicleAccess.check();
    }

    /** Opens the log named by its argument. */
    public static final class OpenLog
    {
        public static void main(final String[] args)
        {
            try (DurableLog log = DurableLog.open(Path.of(args[0])))
            {
                System.out.println("opened " + log.directory());
            }
        }
    }
}
