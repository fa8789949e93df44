package io.mmipc.cli.command;

import io.mmipc.DurableLog;
import io.mmipc.cli.CliException;
import io.mmipc.cli.ExitCodes;
import io.mmipc.cli.text.Formats;
import io.mmipc.cli.text.Json;
import io.mmipc.internal.spi.DurableLogProvider;
import io.mmipc.internal.spi.Providers;
import io.mmipc.internal.wait.Waiter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mmipc tail LOG}: the messages of a durable log, read without disturbing its readers.
 */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = {
        "Prints the messages of a durable log, without disturbing its readers.",
        "One line per message: index, append time (UTC) and payload.",
        "Opens the log read-only with an unnamed reader: it takes no reader slot, holds no tailer name and "
            + "acknowledges nothing, so named tailers and retention are not disturbed."
    })
public final class TailCommand implements Callable<Integer>
{
    private static final Pattern AGO = Pattern.compile("-(\\d+)(ms|s|m|h|d)");
    private static final String METADATA = "metadata.cq4t";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LOG", description = "A log directory, or a log's name under the log root.")
    private String log;

    @Option(names = {"-f", "--follow"}, description = "After the last message, wait for more until interrupted.")
    private boolean follow;

    @Option(names = "--from", paramLabel = "INDEX|TIME", defaultValue = "start",
        description = "Where to start: start (default), end, a message index (decimal or 0x hex), a time "
            + "(2026-01-31T12:00:00Z) or a time ago (-30s, -10m, -2h, -1d).")
    private String from;

    @Option(names = "--codec", paramLabel = "CODEC", defaultValue = "utf8",
        description = "How to print payloads: ${COMPLETION-CANDIDATES} (a Python bytes literal). "
            + "Default: ${DEFAULT-VALUE}.")
    private Payloads codec;

    @Option(names = {"-n", "--count"}, paramLabel = "N", description = "Stop after N messages.")
    private long count = Long.MAX_VALUE;

    @Option(names = "--json", description = "Print one JSON object per message (JSON Lines).")
    private boolean json;

    @Override
    public Integer call() throws Exception
    {
        final Path dir = Locations.log(log);
        if (!Files.isRegularFile(dir.resolve(METADATA)))
        {
            throw new NoSuchFileException(dir.toString(), null, "no durable log here: it has no " + METADATA);
        }
        if (count < 0)
        {
            throw new ParameterException(spec.commandLine(), "--count must not be negative, got " + count);
        }
        // The provider's initialiser switches Chronicle's analytics off before any Chronicle class loads.
        Providers.get(DurableLogProvider.class, DurableLog.MODULE);
        final PrintWriter out = spec.commandLine().getOut();
        try (LogReader reader = LogReader.open(dir))
        {
            position(reader);
            long printed = 0;
            Waiter waiter = null;
            try
            {
                while (printed < count)
                {
                    final LogReader.Message message = reader.next();
                    if (message != null)
                    {
                        print(out, message);
                        printed++;
                        if (waiter != null)
                        {
                            waiter.end(); // the next wait starts from the shortest idle again
                            waiter = null;
                        }
                        continue;
                    }
                    if (!follow)
                    {
                        break;
                    }
                    out.flush();
                    if (waiter == null)
                    {
                        waiter = Pause.forever();
                    }
                    if (!Pause.idle(waiter))
                    {
                        break;
                    }
                }
            }
            finally
            {
                if (waiter != null)
                {
                    waiter.end();
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void position(final LogReader reader)
    {
        final String where = from.trim();
        if (where.equals("start"))
        {
            reader.toStart();
            return;
        }
        if (where.equals("end"))
        {
            reader.toEnd();
            return;
        }
        final Long index = parseIndex(where);
        if (index != null)
        {
            if (!reader.moveTo(index))
            {
                throw new CliException(ExitCodes.NOT_FOUND, "the log holds no message at index " + index + " (first " +
                    reader.firstIndex() + ", last " + reader.lastIndex() + ")");
            }
            return;
        }
        reader.moveToTime(parseTime(where));
    }

    private static Long parseIndex(final String text)
    {
        try
        {
            if (text.startsWith("0x") || text.startsWith("0X"))
            {
                return Long.parseUnsignedLong(text.substring(2), 16);
            }
            return text.chars().allMatch(Character::isDigit) ? Long.parseLong(text) : null;
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    private long parseTime(final String text)
    {
        final Matcher ago = AGO.matcher(text);
        if (ago.matches())
        {
            final long amount = Long.parseLong(ago.group(1));
            final Duration duration = switch (ago.group(2))
            {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return System.currentTimeMillis() - duration.toMillis();
        }
        try
        {
            return Instant.parse(text).toEpochMilli();
        }
        catch (final DateTimeParseException ex)
        {
            throw new ParameterException(spec.commandLine(), "--from " + text + ": neither start, end, an index, " +
                "a time (2026-01-31T12:00:00Z) nor a time ago (-10m)");
        }
    }

    private void print(final PrintWriter out, final LogReader.Message message)
    {
        if (json)
        {
            final Map<String, Object> line = new LinkedHashMap<>();
            line.put("index", message.index());
            line.put("timeMillis", message.timeMillis());
            line.put("length", message.payload().length);
            line.put("payload", codec.show(message.payload()));
            out.println(Json.writeLine(line));
        }
        else
        {
            out.println(message.index() + "  " + Formats.time(message.timeMillis()) + "  " + codec.show(message.payload()));
        }
        if (follow)
        {
            out.flush();
        }
    }
}
