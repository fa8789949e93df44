package io.mmipc.internal;

/**
 * Fails fast, with the flag to add, when this JVM does not export {@code jdk.internal.misc} to
 * the class path: without it, Agrona fails later with an obscure {@link IllegalAccessError}.
 */
public final class AgronaAccess
{
    public static final String FLAG = "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";

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
            throw new IllegalStateException(message());
        }
        checked = true;
    }

    public static String message()
    {
        return "mmipc needs the JVM flag " + FLAG + " (Agrona 2.x uses jdk.internal.misc.Unsafe " +
            "for its shared-memory buffers). Add it to the java command line, or set it for every JVM: " +
            "export JDK_JAVA_OPTIONS=\"" + FLAG + "\"";
    }
}
