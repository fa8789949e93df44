package io.mmipc.cli.command;

import io.mmipc.cli.CliException;
import io.mmipc.cli.ExitCodes;
import io.mmipc.cli.describe.Describers;
import io.mmipc.cli.describe.QueueDescribers;
import io.mmipc.cli.describe.RingSnapshot;
import io.mmipc.cli.read.FileBytes;
import io.mmipc.cli.read.RawHeader;
import io.mmipc.cli.text.Formats;
import io.mmipc.cli.text.Json;
import io.mmipc.cli.text.Table;
import io.mmipc.codec.Codec;
import io.mmipc.codec.CodecException;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.file.SharedFileHeader;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code mmipc peek QUEUE}: the messages waiting in a queue or pipe, read without consuming them.
 */
@Command(
    name = "peek",
    mixinStandardHelpOptions = true,
    description = {
        "Shows the messages waiting in a queue or pipe, without consuming them.",
        "Oldest first, in each direction of a pipe: reads the ring between the consumer's head and the "
            + "producers' tail with plain reads.",
        "A message marked 'taken' was handed to a consumer that has not finished its batch yet."
    })
public final class PeekCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUEUE", description = "A queue or pipe file, or CONTEXT/NAME under the root.")
    private String queue;

    @Option(names = "--root", paramLabel = "ROOT",
        description = "Where to look for CONTEXT/NAME (default: the default root).")
    private Path root;

    @Option(names = "-n", paramLabel = "N", defaultValue = "10",
        description = "Show at most N messages per direction (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--codec", paramLabel = "CODEC", defaultValue = "auto",
        description = "How to print payloads: auto (by the queue's codec: text for utf8, numbers for int32, int64 "
            + "and float64, else a Python bytes literal), utf8, hex or bytes. Default: ${DEFAULT-VALUE}.")
    private String codec;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    private boolean json;

    @Override
    public Integer call() throws Exception
    {
        if (limit < 0)
        {
            throw new ParameterException(spec.commandLine(), "-n must not be negative, got " + limit);
        }
        final Payloads explicit = payloads();
        final Path path = Locations.object(queue, root);
        final List<Map<String, Object>> channels = new ArrayList<>();
        final SharedFileHeader header;
        boolean damaged = false;
        try (FileBytes file = FileBytes.open(path, true))
        {
            final RawHeader raw = RawHeader.read(file);
            header = raw.checked();
            if (header == null)
            {
                throw new CliException(ExitCodes.DAMAGED, path + ": " + raw.problemDetail());
            }
            final List<QueueDescribers.Channel> found = QueueDescribers.channels(header);
            if (found.isEmpty())
            {
                throw new CliException(ExitCodes.ERROR, path + " holds a " +
                    Describers.forKind(header.kind()).label(header) + ", not a queue or pipe");
            }
            final String layout = Describers.forKind(header.kind()).layoutProblem(header);
            if (layout != null)
            {
                throw new CliException(ExitCodes.DAMAGED, path + ": " + layout);
            }
            for (final QueueDescribers.Channel channel : found)
            {
                final RingSnapshot ring = RingSnapshot.read(file, channel.offset(), channel.capacity(), limit);
                damaged |= ring.problem() != null;
                channels.add(channelJson(channel, ring, header.typeTag(), explicit));
            }
        }
        final PrintWriter out = spec.commandLine().getOut();
        if (json)
        {
            final Map<String, Object> report = new LinkedHashMap<>();
            report.put("path", path.toString());
            report.put("kind", header.kind().name());
            report.put("codec", header.typeTag());
            report.put("channels", new ArrayList<Object>(channels));
            out.print(Json.write(report));
        }
        else
        {
            out.print(render(path, header, channels));
        }
        out.flush();
        return damaged ? ExitCodes.DAMAGED : ExitCodes.OK;
    }

    private Payloads payloads()
    {
        if (codec.equals("auto"))
        {
            return null;
        }
        try
        {
            return Payloads.valueOf(codec);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), "--codec " + codec + ": use auto, utf8, hex or bytes");
        }
    }

    private static Map<String, Object> channelJson(final QueueDescribers.Channel channel, final RingSnapshot ring,
        final String typeTag, final Payloads explicit)
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("channel", channel.name());
        json.put("capacity", channel.capacity());
        json.put("head", ring.head());
        json.put("tail", ring.tail());
        json.put("usedBytes", ring.usedBytes());
        json.put("messages", ring.messages());
        json.put("consumed", ring.consumed());
        json.put("skipped", ring.skipped());
        json.put("claimPending", ring.claimPending());
        final List<Object> shown = new ArrayList<>();
        for (final RingSnapshot.Record record : ring.records())
        {
            final Map<String, Object> message = new LinkedHashMap<>();
            message.put("position", record.position());
            message.put("length", record.length());
            message.put("taken", record.taken());
            message.put("spilled", record.spilled());
            message.put("payload", record.spilled() ? null : show(record.payload(), typeTag, explicit));
            shown.add(message);
        }
        json.put("shown", shown);
        json.put("problem", ring.problem());
        return json;
    }

    /**
     * @return the payload as {@code explicit} says, or by the queue's codec when it is null.
     */
    static String show(final byte[] payload, final String typeTag, final Payloads explicit)
    {
        if (explicit != null)
        {
            return explicit.show(payload);
        }
        switch (typeTag)
        {
            case "utf8":
                return Payloads.utf8.show(payload);
            case "int32":
            case "int64":
            case "float64":
                final Codec<?> numbers = Codecs.builtIn(typeTag);
                try
                {
                    return String.valueOf(numbers.decode(new UnsafeBuffer(payload), 0, payload.length));
                }
                catch (final CodecException ex)
                {
                    return Payloads.bytes.show(payload) + " (not " + typeTag + ": " + ex.getMessage() + ")";
                }
            default:
                return Payloads.bytes.show(payload);
        }
    }

    @SuppressWarnings("unchecked")
    private static String render(final Path path, final SharedFileHeader header, final List<Map<String, Object>> channels)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append(path).append(": ").append(Describers.forKind(header.kind()).label(header)).append(", codec ")
            .append(header.typeTag().isEmpty() ? "-" : header.typeTag()).append('\n');
        for (final Map<String, Object> channel : channels)
        {
            final long messages = ((Number)channel.get("messages")).longValue();
            final List<Object> shown = (List<Object>)channel.get("shown");
            sb.append('\n').append(channel.get("channel")).append(": ").append(messages)
                .append(messages == 1 ? " message" : " messages").append(" waiting (")
                .append(Formats.size(((Number)channel.get("usedBytes")).longValue())).append(" of ")
                .append(Formats.size(((Number)channel.get("capacity")).longValue())).append("), ")
                .append(channel.get("consumed")).append(" consumed");
            if (((Number)channel.get("skipped")).longValue() != 0)
            {
                sb.append(", ").append(channel.get("skipped")).append(" skipped");
            }
            if (shown.size() < messages)
            {
                sb.append("; the first ").append(shown.size()).append(" shown");
            }
            sb.append('\n');
            if (!shown.isEmpty())
            {
                final Table table = Table.indented("  ", "POSITION", "LENGTH", "STATE", "PAYLOAD");
                for (final Object item : shown)
                {
                    final Map<String, Object> message = (Map<String, Object>)item;
                    final boolean spilled = (Boolean)message.get("spilled");
                    table.row(message.get("position"), message.get("length"),
                        (Boolean)message.get("taken") ? "taken" : "waiting",
                        spilled ? "(in a spill file: " + message.get("length") + " bytes)" : message.get("payload"));
                }
                sb.append(table.render());
            }
            if ((Boolean)channel.get("claimPending"))
            {
                sb.append("  then a claim not yet committed (a producer is writing, or died writing)\n");
            }
            if (channel.get("problem") != null)
            {
                sb.append("  DAMAGED: ").append(channel.get("problem")).append('\n');
            }
        }
        return sb.toString();
    }
}
