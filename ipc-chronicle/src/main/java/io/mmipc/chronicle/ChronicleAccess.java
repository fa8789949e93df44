package io.mmipc.chronicle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fails fast, naming every missing flag, when this JVM lacks the exports and opens Chronicle Queue
 * needs on Java 17: without them Chronicle fails deep inside {@code OS.map0} with an
 * {@code AssertionError} wrapping an {@code IllegalAccessException}, after it has created files.
 * Checked before a log's directory is touched, so a refused open creates nothing.
 */
final class ChronicleAccess
{
    /** The command that writes every flag the class path needs into a java {@code @argfile}. */
    static final String ARGFILE_TOOL = "io.mmipc.internal.spi.JvmFlagsTool --argfile FILE";
    /** The class whose module makes Chronicle's reflective calls (the one {@code map0} fails in). */
    private static final String CHRONICLE_CLASS = "net.openhft.chronicle.core.OS";

    private static volatile boolean checked;

    private ChronicleAccess()
    {
    }

    /**
     * @throws IllegalStateException naming the missing flags and how to add them all at once.
     */
    static void check()
    {
        if (checked)
        {
            return;
        }
        final Module chronicle = chronicleModule();
        final List<String> missing = missing(chronicle);
        if (!missing.isEmpty())
        {
            throw new IllegalStateException(message(missing, target(chronicle)));
        }
        checked = true;
    }

    /**
     * @return the flags (in {@code --add-exports=module/package=target} form) this JVM lacks for {@code chronicle}.
     */
    static List<String> missing(final Module chronicle)
    {
        final ChronicleJvmRequirements needs = new ChronicleJvmRequirements();
        final List<String> missing = new ArrayList<>();
        for (final String export : needs.addExports())
        {
            if (!granted(export, chronicle, false))
            {
                missing.add("--add-exports=" + export + "=" + target(chronicle));
            }
        }
        for (final String open : needs.addOpens())
        {
            if (!granted(open, chronicle, true))
            {
                missing.add("--add-opens=" + open + "=" + target(chronicle));
            }
        }
        return missing;
    }

    static String message(final List<String> missing, final String target)
    {
        return "the durable log (Chronicle Queue) needs " + missing.size() + " more JVM flag" +
            (missing.size() == 1 ? "" : "s") + " on this Java: " + String.join(" ", missing) +
            ". Write every flag mmipc needs into a java @argfile, then start the JVM with it: " +
            "java -cp <your class path> " + ARGFILE_TOOL + ", then java @FILE <your usual arguments>" +
            (target.equals("ALL-UNNAMED") ? "" : " (Chronicle is the named module " + target +
                " here: the argfile's =ALL-UNNAMED targets become =" + target + ")") +
            ". Nothing was created.";
    }

    /**
     * @param spec {@code module/package}, as {@link ChronicleJvmRequirements} declares it.
     */
    private static boolean granted(final String spec, final Module chronicle, final boolean open)
    {
        final int slash = spec.indexOf('/');
        final Optional<Module> owner = ModuleLayer.boot().findModule(spec.substring(0, slash));
        if (owner.isEmpty())
        {
            // A runtime without that module (a jlink image without jdk.compiler): no flag can help.
            return true;
        }
        final String pkg = spec.substring(slash + 1);
        return open ? owner.get().isOpen(pkg, chronicle) : owner.get().isExported(pkg, chronicle);
    }

    private static Module chronicleModule()
    {
        final ClassLoader loader = ChronicleAccess.class.getClassLoader();
        try
        {
            // Loaded, not initialised: no Chronicle code runs here.
            return Class.forName(CHRONICLE_CLASS, false, loader).getModule();
        }
        catch (final ClassNotFoundException ex)
        {
            throw new IllegalStateException("Chronicle Queue is not on the class path (" + CHRONICLE_CLASS +
                " not found): add net.openhft:chronicle-queue, which mmipc-ipc-chronicle depends on", ex);
        }
    }

    private static String target(final Module chronicle)
    {
        return chronicle.isNamed() ? chronicle.getName() : "ALL-UNNAMED";
    }
}
