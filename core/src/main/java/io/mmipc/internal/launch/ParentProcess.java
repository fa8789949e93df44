package io.mmipc.internal.launch;

import io.mmipc.ProcessLogging;
import io.mmipc.internal.owner.ProcessIdentity;

import java.util.List;

/**
 * Who started this JVM, as the launcher tells every child (watched or not): the parent's name and
 * identity in system properties, read back by {@code JvmProcess.parentProcess()}.
 */
public final class ParentProcess
{
    /** System property with the parent's process name ({@code ProcessLogging.processName()} there). */
    public static final String NAME_PROPERTY = "mmipc.parent.name";
    /** System property with the parent's identity: {@code pid/startMillis}. */
    public static final String IDENTITY_PROPERTY = "mmipc.parent.identity";

    private ParentProcess()
    {
    }

    /**
     * @return the {@code -D} options that tell a child who this JVM is.
     */
    static List<String> jvmOptionsForChild()
    {
        final ProcessIdentity self = ProcessIdentity.current();
        return List.of("-D" + NAME_PROPERTY + "=" + ProcessLogging.processName(),
            "-D" + IDENTITY_PROPERTY + "=" + self.pid() + "/" + self.startMillis());
    }

    /**
     * @return the parent's identity from the system properties, or null when this JVM was not
     *         started by mmipc's launcher (or the property is not one it writes).
     */
    public static ProcessIdentity identity()
    {
        final String value = System.getProperty(IDENTITY_PROPERTY);
        final int slash = value == null ? -1 : value.indexOf('/');
        if (slash < 0)
        {
            return null;
        }
        try
        {
            return new ProcessIdentity(Long.parseLong(value.substring(0, slash)),
                Long.parseLong(value.substring(slash + 1)));
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    /**
     * @return the parent's name, {@code "?"} when not told.
     */
    public static String name()
    {
        return System.getProperty(NAME_PROPERTY, "?");
    }
}
