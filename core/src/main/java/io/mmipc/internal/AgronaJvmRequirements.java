package io.mmipc.internal;

import io.mmipc.internal.spi.JvmRequirements;

import java.util.List;
import java.util.Map;

/**
 * Agrona 2.x reaches {@code jdk.internal.misc.Unsafe}; core maps every shared file with Agrona
 * buffers, so this requirement belongs to core and every module inherits it.
 */
public final class AgronaJvmRequirements implements JvmRequirements
{
    public static final String EXPORT = "java.base/jdk.internal.misc";

    @Override
    public String name()
    {
        return "agrona";
    }

    @Override
    public List<String> addExports()
    {
        return List.of(EXPORT);
    }

    @Override
    public List<String> addOpens()
    {
        return List.of();
    }

    @Override
    public Map<String, String> systemProperties()
    {
        return Map.of();
    }
}
