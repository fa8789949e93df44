package io.mmipc.cli.command;

import io.mmipc.cli.ExitCodes;
import io.mmipc.cli.describe.Describers;
import io.mmipc.cli.describe.Holder;
import io.mmipc.cli.describe.ObjectView;
import io.mmipc.cli.read.FileBytes;
import io.mmipc.cli.read.Participants;
import io.mmipc.cli.read.RawHeader;
import io.mmipc.cli.text.Formats;
import io.mmipc.cli.text.Json;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.owner.ProcessIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code mmipc describe FILE}: the header of any mmipc file, and what is wrong with it.
 */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = {
        "Shows the header of any mmipc file, and what is wrong with it.",
        "Kind, layout version, parameters (named), type tag, creator pid and start time and whether it lives, "
            + "lengths; then what its body holds.",
        "A damaged file is named with what is wrong (not an mmipc file, truncated, another layout version, an "
            + "unknown kind, shorter than its layout) and the command exits with 3. The file is read with plain "
            + "reads, never mapped; anything but a regular file is refused without being opened."
    })
public final class DescribeCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "An mmipc file, or CONTEXT/NAME under the root.")
    private String file;

    @Option(names = "--root", paramLabel = "ROOT",
        description = "Where to look for CONTEXT/NAME (default: the default root).")
    private Path root;

    @Option(names = "--json", description = "Print JSON.")
    private boolean json;

    @Override
    public Integer call() throws Exception
    {
        final Path path = Locations.object(file, root);
        FileBytes.checkRegular(path, true);
        final Path parent = path.getParent();
        final Participants participants = parent == null ? Participants.read(path) : Participants.read(parent);
        final ObjectView view = Describers.inspect(path, true, participants);
        final PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.write(view.toJson()) : render(view));
        out.flush();
        return view.problems().isEmpty() ? ExitCodes.OK : ExitCodes.DAMAGED;
    }

    /**
     * @return a field's value on one line: lists item by item, maps as {@code key=value} pairs.
     */
    private static String text(final Object value)
    {
        if (value instanceof List<?> list)
        {
            final StringBuilder sb = new StringBuilder();
            list.forEach(item -> sb.append(sb.length() == 0 ? "" : "; ").append(text(item)));
            return sb.toString();
        }
        if (value instanceof Map<?, ?> map)
        {
            final StringBuilder sb = new StringBuilder();
            map.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
            return sb.toString();
        }
        return String.valueOf(value);
    }

    static String render(final ObjectView view)
    {
        final RawHeader raw = view.raw();
        final Map<String, String> lines = new LinkedHashMap<>();
        lines.put("file", view.path().toString());
        if (!raw.hasMagic())
        {
            final byte[] magic = new byte[8];
            ByteBuffer.wrap(magic).order(ByteOrder.LITTLE_ENDIAN).putLong(SharedFileDescriptor.MAGIC);
            lines.put("magic", raw.fileSize() == 0 ? "none: the file is empty" : "the file starts with " +
                Formats.pythonBytes(raw.leadingBytes()) + ", mmipc files with " + Formats.pythonBytes(magic));
        }
        else
        {
            final ObjectKind kind = raw.kind();
            lines.put("kind", view.label() + " (" + (kind == null ? "unknown" : kind.name()) + ", code " +
                raw.kindCode() + ")");
            lines.put("version", raw.version() + (raw.version() == SharedFileDescriptor.LAYOUT_VERSION ? "" :
                " (this mmipc reads " + SharedFileDescriptor.LAYOUT_VERSION + ")"));
            lines.put("params", view.paramsText());
            lines.put("type tag", raw.typeTag().isEmpty() ? "-" : raw.typeTag());
            final ProcessIdentity creator = view.creator();
            lines.put("creator", "pid " + creator.pid() + (creator.isAlive() ? " (alive)" : " (dead)") + ", started " +
                Formats.time(creator.startMillis()));
            lines.put("created", Formats.time(raw.createdAtMillis()) + (raw.createdAtMillis() == 0 ? "" :
                " (" + Formats.age(System.currentTimeMillis() - raw.createdAtMillis()) + " ago)"));
            lines.put("length", "header " + raw.headerLength() + " + body " + (raw.totalLength() - raw.headerLength()) +
                " = " + raw.totalLength() + " bytes; the file has " + raw.fileSize());
        }
        view.state().fields().forEach((name, value) -> lines.put(name, text(value)));
        int i = 0;
        for (final Holder holder : view.state().holders())
        {
            final String key = "holder" + (view.state().holders().size() > 1 ? " " + ++i : "");
            lines.put(key, holder.role() + ": " + holder.text());
        }
        if (!view.state().summaryText().isEmpty())
        {
            lines.put("state", view.state().summaryText());
        }
        lines.put("status", view.problems().isEmpty() ? "OK" : "DAMAGED: " + String.join("; ", view.problems()));
        final int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        final StringBuilder sb = new StringBuilder();
        lines.forEach((name, value) ->
            sb.append(name).append(" ".repeat(width - name.length())).append(value).append('\n'));
        return sb.toString();
    }
}
