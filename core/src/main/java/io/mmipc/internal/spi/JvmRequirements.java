package io.mmipc.internal.spi;

import java.util.List;
import java.util.Map;

/**
 * The JVM flags a module needs, declared once and used everywhere code runs: surefire's
 * {@code argLine} (through {@link JvmFlagsTool}), runnable jars' manifests, JMH forks and the
 * child JVMs the launcher starts. Providers are found with {@link java.util.ServiceLoader}, so an
 * implementation must not load the library it describes: it only names flags.
 */
public interface JvmRequirements
{
    /**
     * @return what needs the flags, for messages ("agrona", "chronicle-queue").
     */
    String name();

    /**
     * @return packages to export to the class path, in manifest syntax: {@code java.base/jdk.internal.misc}.
     */
    List<String> addExports();

    /**
     * @return packages to open to the class path, in manifest syntax: {@code java.base/java.lang}.
     */
    List<String> addOpens();

    /**
     * @return system properties every JVM must start with (a manifest cannot set these; code sets
     *         them before the library loads, and child JVMs get them on the command line).
     */
    Map<String, String> systemProperties();
}
