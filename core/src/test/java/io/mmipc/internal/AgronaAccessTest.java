package io.mmipc.internal;

import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Agrona flag's message names the export that works where Agrona is: {@code =ALL-UNNAMED} on
 * the class path, {@code =org.agrona} on the module path.
 */
class AgronaAccessTest
{
    private static final String ON_MODULE_PATH = "--add-exports java.base/jdk.internal.misc=org.agrona";

    @Test
    void theMessageNamesTheModuleAgronaIsIn()
    {
        assertTrue(AgronaAccess.message((String)null).contains(AgronaAccess.FLAG));
        assertTrue(AgronaAccess.FLAG.endsWith("=ALL-UNNAMED"));
        final String named = AgronaAccess.message("org.agrona");
        assertTrue(named.contains(ON_MODULE_PATH), named);
        assertTrue(named.contains("export JDK_JAVA_OPTIONS=\"" + ON_MODULE_PATH + "\""), named);
        assertFalse(named.contains("=ALL-UNNAMED\""), named);
    }

    @Test
    @Timeout(120)
    void onTheModulePathTheClassPathFlagIsRefusedAndTheNamedOneWorks() throws Exception
    {
        final String agronaJar = agronaJar();
        final List<String> rest = new ArrayList<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        rest.remove(agronaJar);
        final String classPath = String.join(File.pathSeparator, rest);

        try (ChildJvm child = modulePathChild(classPath, agronaJar, "=ALL-UNNAMED"))
        {
            assertTrue(child.waitFor(Duration.ofSeconds(60)), "the child did not finish");
            assertEquals(1, child.exitCode().getAsInt(), child::stderr);
            assertTrue(child.stderr().contains(ON_MODULE_PATH), child.stderr());
        }
        try (ChildJvm child = modulePathChild(classPath, agronaJar, "=org.agrona"))
        {
            assertEquals("ok\n", Children.finish(child, Duration.ofSeconds(60)));
        }
    }

    private static ChildJvm modulePathChild(final String classPath, final String agronaJar, final String target)
        throws Exception
    {
        return Children.launcher(Check.class)
            .requiredFlags(false)
            .classPath(classPath)
            .jvmOptions("--module-path", agronaJar, "--add-modules", "org.agrona",
                "--add-exports", "java.base/jdk.internal.misc" + target)
            .start();
    }

    private static String agronaJar() throws Exception
    {
        final Path jar = Path.of(org.agrona.DirectBuffer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(jar.toString().endsWith(".jar"), "Agrona should come from its jar: " + jar);
        return jar.toString();
    }

    /** Runs the check in a child JVM and says whether Agrona is in a named module. */
    public static final class Check
    {
        public static void main(final String[] args)
        {
            if (!org.agrona.DirectBuffer.class.getModule().isNamed())
            {
                throw new AssertionError("Agrona should be on the module path here");
            }
            AgronaAccess.check();
            System.out.println("ok");
        }
    }
}
