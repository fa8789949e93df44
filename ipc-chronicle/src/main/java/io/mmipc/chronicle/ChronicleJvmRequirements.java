package io.mmipc.chronicle;

import io.mmipc.internal.spi.JvmRequirements;

import java.util.List;
import java.util.Map;

/**
 * What Chronicle Queue needs of a Java 17 JVM: without these exports and opens it fails in
 * {@code OS.map0} with an {@link IllegalAccessException}; without the analytics switch it tries to
 * send usage data over the network. This class names flags only; it loads nothing of Chronicle.
 */
public final class ChronicleJvmRequirements implements JvmRequirements
{
    /** Chronicle reads this before its classes initialise; mmipc always sets it to {@code true}. */
    public static final String ANALYTICS_PROPERTY = "chronicle.analytics.disable";

    @Override
    public String name()
    {
        return "chronicle-queue";
    }

    @Override
    public List<String> addExports()
    {
        return List.of(
            "java.base/jdk.internal.ref",
            "java.base/sun.nio.ch",
            "jdk.unsupported/sun.misc",
            "jdk.compiler/com.sun.tools.javac.file");
    }

    @Override
    public List<String> addOpens()
    {
        return List.of(
            "jdk.compiler/com.sun.tools.javac",
            "java.base/java.lang",
            "java.base/java.lang.reflect",
            "java.base/java.io",
            "java.base/java.util",
            "java.base/sun.nio.ch");
    }

    @Override
    public Map<String, String> systemProperties()
    {
        return Map.of(ANALYTICS_PROPERTY, "true");
    }
}
