package io.mmipc.internal;

/**
 * Fails fast, with the flag to add, when this JVM does not export {@code jdk.internal.misc} to
 * Agrona: without it, Agrona fails later with an obscure {@link IllegalAccessError}.
 * <p>
 * The flag's target is the module Agrona's classes are in: {@code ALL-UNNAMED} on the class path,
 * {@code org.agrona} (its automatic module name) on the module path, where an export to
 * {@code ALL-UNNAMED} does not reach it.
 */
public final class AgronaAccess
{
    /** The flag on the class path, where Agrona is in the unnamed module. */
    public static final String FLAG = flag("ALL-UNNAMED");

    private static volatile boolean checked;

    private AgronaAccess()
    {
    }

    /**
     * @throws IllegalStateException naming the missing flag and how to set it.
     */
    public static void check()
    {
        if (checked)
        {
            return;
        }
        final Module javaBase = Object.class.getModule();
        // Ask about the module Agrona's classes live in: that is who needs the export.
        final Module agrona = org.agrona.DirectBuffer.class.getModule();
        if (!javaBase.isExported("jdk.internal.misc", agrona))
        {
            throw new IllegalStateException(message(agrona));
        }
        checked = true;
    }

    /**
     * @return the message for a JVM whose Agrona classes are in {@code agrona}.
     */
    public static String message(final Module agrona)
    {
        return message(agrona.isNamed() ? agrona.getName() : null);
    }

    /**
     * @param agronaModule the name of Agrona's module, or null when Agrona is on the class path.
     * @return the message naming the flag for that case.
     */
    public static String message(final String agronaModule)
    {
        final String flag = flag(agronaModule == null ? "ALL-UNNAMED" : agronaModule);
        return "mmipc needs the JVM flag " + flag + " (Agrona 2.x uses jdk.internal.misc.Unsafe " +
            "for its shared-memory buffers" +
            (agronaModule == null ? "" : "; Agrona is the named module " + agronaModule +
                " here (module path), so the export must name it: =ALL-UNNAMED does not reach it") +
            "). Add it to the java command line, or set it for every JVM: export JDK_JAVA_OPTIONS=\"" + flag + "\"";
    }

    private static String flag(final String target)
    {
        return "--add-exports java.base/jdk.internal.misc=" + target;
    }
}
