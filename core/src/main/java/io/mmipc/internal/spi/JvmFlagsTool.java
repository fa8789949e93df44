package io.mmipc.internal.spi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the class path's JVM flags, from the same providers the launcher uses:
 * <ul>
 *   <li>{@code --argfile PATH}: a java {@code @argfile}, one option per line, for surefire's
 *   {@code argLine} and for users ({@code java @PATH ...});</li>
 *   <li>{@code --manifest PATH --main-class NAME}: a jar manifest with {@code Add-Exports} and
 *   {@code Add-Opens}, for runnable jars;</li>
 *   <li>{@code --print}: the options on stdout, one a line.</li>
 * </ul>
 * Without arguments, or with {@code -h}/{@code --help}, it prints its usage and writes nothing.
 * The build runs it through exec-maven-plugin with the module's test class path.
 */
public final class JvmFlagsTool
{
    private JvmFlagsTool()
    {
    }

    static final String USAGE = String.join(System.lineSeparator(),
        "usage: java -cp <class path> " + JvmFlagsTool.class.getName() + " [--argfile FILE] [--print]",
        "           [--manifest FILE [--main-class NAME]]",
        "",
        "Writes the JVM flags that the mmipc modules on the class path need (Agrona's export, and",
        "Chronicle Queue's exports and opens where ipc-chronicle is there):",
        "  --argfile FILE     a java @argfile, one option per line; start every JVM with",
        "                     java @FILE ... (unlike JDK_JAVA_OPTIONS, no 'NOTE: Picked up' line)",
        "  --print            the options on stdout, one a line",
        "  --manifest FILE    a jar manifest with Add-Exports and Add-Opens, for java -jar",
        "  --main-class NAME  the manifest's Main-Class",
        "  -h, --help         this help");

    public static void main(final String[] args) throws IOException
    {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help"))
        {
            System.out.println(USAGE);
            return;
        }
        final ClassLoader loader = Thread.currentThread().getContextClassLoader();
        final JvmFlags flags = JvmFlags.load(loader != null ? loader : JvmFlagsTool.class.getClassLoader());
        Path argfile = null;
        Path manifest = null;
        String mainClass = null;
        boolean print = false;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--argfile" -> argfile = Paths.get(value(args, ++i, "--argfile"));
                case "--manifest" -> manifest = Paths.get(value(args, ++i, "--manifest"));
                case "--main-class" -> mainClass = value(args, ++i, "--main-class");
                case "--print" -> print = true;
                case "-h", "--help" ->
                {
                    System.out.println(USAGE);
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + System.lineSeparator() +
                    USAGE);
            }
        }
        if (print)
        {
            flags.jvmOptions().forEach(System.out::println);
        }
        if (argfile != null)
        {
            write(argfile, flags.jvmOptions());
        }
        if (manifest != null)
        {
            final List<String> lines = new ArrayList<>();
            lines.add("Manifest-Version: 1.0");
            if (mainClass != null)
            {
                lines.add("Main-Class: " + mainClass);
            }
            if (!flags.manifestAddExports().isEmpty())
            {
                lines.add(wrap("Add-Exports: " + flags.manifestAddExports()));
            }
            if (!flags.manifestAddOpens().isEmpty())
            {
                lines.add(wrap("Add-Opens: " + flags.manifestAddOpens()));
            }
            write(manifest, lines);
        }
    }

    private static String value(final String[] args, final int index, final String option)
    {
        if (index >= args.length)
        {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    /**
     * Manifest lines are limited to 72 bytes; longer values continue on lines that start with a space.
     */
    static String wrap(final String line)
    {
        final StringBuilder sb = new StringBuilder();
        int start = 0;
        int width = 72;
        while (line.length() - start > width)
        {
            sb.append(line, start, start + width).append("\n ");
            start += width;
            width = 71;
        }
        return sb.append(line.substring(start)).toString();
    }

    private static void write(final Path path, final List<String> lines) throws IOException
    {
        if (path.getParent() != null)
        {
            Files.createDirectories(path.getParent());
        }
        Files.write(path, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
