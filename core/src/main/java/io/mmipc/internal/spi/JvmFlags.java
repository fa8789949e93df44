package io.mmipc.internal.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The union of what every {@link JvmRequirements} provider on the class path declares.
 */
public final class JvmFlags
{
    private static volatile JvmFlags current;

    private final List<String> providerNames = new ArrayList<>();
    private final Set<String> addExports = new LinkedHashSet<>();
    private final Set<String> addOpens = new LinkedHashSet<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();

    private JvmFlags(final Iterable<JvmRequirements> providers)
    {
        for (final JvmRequirements provider : providers)
        {
            providerNames.add(provider.name());
            addExports.addAll(provider.addExports());
            addOpens.addAll(provider.addOpens());
            systemProperties.putAll(provider.systemProperties());
        }
    }

    /**
     * @return the flags of the providers visible to this class's loader, looked up once.
     */
    public static JvmFlags current()
    {
        JvmFlags flags = current;
        if (flags == null)
        {
            flags = load(JvmFlags.class.getClassLoader());
            current = flags;
        }
        return flags;
    }

    public static JvmFlags load(final ClassLoader loader)
    {
        return new JvmFlags(ServiceLoader.load(JvmRequirements.class, loader));
    }

    public List<String> providerNames()
    {
        return List.copyOf(providerNames);
    }

    /**
     * @return command-line options for a JVM that runs on the class path:
     *         {@code --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED}, {@code -Dkey=value}.
     */
    public List<String> jvmOptions()
    {
        final List<String> options = new ArrayList<>();
        for (final String export : addExports)
        {
            options.add("--add-exports=" + export + "=ALL-UNNAMED");
        }
        for (final String open : addOpens)
        {
            options.add("--add-opens=" + open + "=ALL-UNNAMED");
        }
        systemProperties.forEach((key, value) -> options.add("-D" + key + "=" + value));
        return options;
    }

    /**
     * @return the value of a jar manifest's {@code Add-Exports} attribute (space separated, no {@code =ALL-UNNAMED}).
     */
    public String manifestAddExports()
    {
        return String.join(" ", addExports);
    }

    /**
     * @return the value of a jar manifest's {@code Add-Opens} attribute.
     */
    public String manifestAddOpens()
    {
        return String.join(" ", addOpens);
    }

    public Map<String, String> systemProperties()
    {
        return Map.copyOf(systemProperties);
    }

    @Override
    public String toString()
    {
        return providerNames + ": " + jvmOptions();
    }
}
