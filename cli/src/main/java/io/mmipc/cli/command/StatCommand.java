package io.mmipc.cli.command;

import io.mmipc.cli.ExitCodes;
import io.mmipc.cli.describe.ContextSnapshot;
import io.mmipc.cli.describe.ObjectCounters;
import io.mmipc.cli.describe.ObjectView;
import io.mmipc.cli.read.ContextInfo;
import io.mmipc.cli.read.Participants;
import io.mmipc.cli.text.Formats;
import io.mmipc.cli.text.Json;
import io.mmipc.cli.text.Table;
import io.mmipc.internal.counters.CountersReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code mmipc stat CONTEXT}: every object of a context, and who holds what.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    description = {
        "Shows every object of a context and who holds what.",
        "The context's creator, its participants (the processes in its registry, with pids and whether "
            + "they live) and every object: kind, name, parameters, size and state (lock holders and whether they "
            + "live, messages waiting in queues and pipes, values), then the objects' live counters (messages and "
            + "bytes in and out, full rings, skipped claims, takeovers, lock acquisitions), summed over every process "
            + "that used them: a process's counts stay after it dies, until the context is removed.",
        "Reads the files with plain reads; changes nothing. Exits with 3 when something in it is damaged."
    })
public final class StatCommand implements Callable<Integer>
{
    private static final String CLEAR_HOME = "\033[H\033[2J";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONTEXT",
        description = "A context directory, or a context's name under the root.")
    private String context;

    @Option(names = "--root", paramLabel = "ROOT",
        description = "Where to look for CONTEXT by name (default: the default root).")
    private Path root;

    @Option(names = "--watch", paramLabel = "SECONDS",
        description = "Refresh in place every SECONDS (fractions allowed) until interrupted.")
    private Double watch;

    @Option(names = "--iterations", hidden = true, description = "Stop --watch after N refreshes (for tests).")
    private long iterations = Long.MAX_VALUE;

    @Option(names = "--json", description = "Print JSON instead of tables (with --watch: one JSON document per line).")
    private boolean json;

    @Option(names = "--per-process", description = "Show each process's counters as well as the sums (JSON always has both).")
    private boolean perProcess;

    @Override
    public Integer call() throws Exception
    {
        final Path dir = Locations.context(context, root);
        final PrintWriter out = spec.commandLine().getOut();
        if (watch == null)
        {
            final ContextSnapshot snapshot = ContextSnapshot.take(dir);
            print(out, snapshot, false);
            return snapshot.damaged() ? ExitCodes.DAMAGED : ExitCodes.OK;
        }
        if (!(watch > 0) || watch > 86_400)
        {
            throw new ParameterException(spec.commandLine(), "--watch SECONDS must be in (0, 86400], got " + watch);
        }
        for (long i = 0; i < iterations; i++)
        {
            if (i > 0 && !Pause.pause((long)(watch * 1e9)))
            {
                break;
            }
            final ContextSnapshot snapshot;
            try
            {
                snapshot = ContextSnapshot.take(dir);
            }
            catch (final NoSuchFileException gone)
            {
                out.println("context " + dir + " is gone");
                out.flush();
                return ExitCodes.NOT_FOUND;
            }
            print(out, snapshot, true);
        }
        return ExitCodes.OK;
    }

    private void print(final PrintWriter out, final ContextSnapshot snapshot, final boolean watching)
    {
        final long now = System.currentTimeMillis();
        if (json)
        {
            final Map<String, Object> report = snapshot.toJson(now);
            out.print(watching ? Json.writeLine(report) + "\n" : Json.write(report));
        }
        else
        {
            out.print((watching ? CLEAR_HOME + Formats.time(now) + "  every " + watch + "s\n" : "") +
                render(snapshot, now, perProcess));
        }
        out.flush();
    }

    static String render(final ContextSnapshot snapshot, final long now, final boolean perProcess)
    {
        final ContextInfo info = snapshot.info();
        final StringBuilder sb = new StringBuilder();
        sb.append("context ").append(info.path()).append('\n');
        if (info.creator() != null)
        {
            sb.append("  creator   pid ").append(info.creator().pid()).append(info.creatorAlive() ? " (alive)" : " (dead)")
                .append(", started ").append(Formats.time(info.creator().startMillis())).append('\n');
        }
        sb.append("  created   ").append(Formats.time(info.createdAtMillis()))
            .append(info.createdAtMillis() == 0 ? "" : " (" + Formats.age(now - info.createdAtMillis()) + " ago)")
            .append(", ").append(info.persistent() ? "persistent" : "private")
            .append(", ").append(info.files()).append(" files, ").append(Formats.size(info.bytes())).append('\n');
        if (info.problem() != null)
        {
            sb.append("  problem   ").append(info.problem()).append('\n');
        }
        final Participants participants = info.participants();
        if (participants == null || participants.problem() != null)
        {
            sb.append("  registry  ").append(participants == null ? "unreadable" : participants.problem()).append('\n');
        }
        else if (!participants.all().isEmpty())
        {
            sb.append("\nparticipants: ").append(participants.all().size()).append(", ")
                .append(participants.liveCount()).append(" alive\n");
            final Table table = Table.indented("  ", "PID", "ALIVE", "STARTED", "SLOT");
            for (final Participants.Participant participant : participants.all())
            {
                table.row(participant.pid(), Formats.yesNo(participant.alive()), Formats.time(participant.startMillis()),
                    participant.slot() + "/" + participant.generation());
            }
            sb.append(table.render());
        }
        sb.append("\nobjects: ").append(snapshot.objects().size())
            .append(snapshot.creating() > 0 ? " (and " + snapshot.creating() + " being created)" : "").append('\n');
        if (!snapshot.objects().isEmpty())
        {
            final Table table = Table.indented("  ", "NAME", "KIND", "PARAMETERS", "SIZE", "STATE");
            for (final ObjectView object : snapshot.objects())
            {
                table.row(object.name(), object.label(), object.paramsText(), Formats.size(object.raw().fileSize()),
                    object.problems().isEmpty() ? emptyToDash(object.state().summaryText()) :
                    "DAMAGED: " + String.join("; ", object.problems()));
            }
            sb.append(table.render());
        }
        snapshot.unreadable().forEach((name, why) -> sb.append("  ").append(name).append(": ").append(why).append('\n'));
        renderCounters(sb, snapshot.counters(), perProcess);
        return sb.toString();
    }

    private static void renderCounters(final StringBuilder sb, final ObjectCounters counters, final boolean perProcess)
    {
        final List<CountersReader.ProcessFile> files = counters.files();
        if (files.isEmpty())
        {
            return;
        }
        final long alive = files.stream().filter(CountersReader.ProcessFile::alive).count();
        sb.append("\ncounters: summed over ").append(files.size()).append(files.size() == 1 ? " process" : " processes")
            .append(", ").append(alive).append(" alive (the dead's counts stay)\n");
        final Table table = Table.indented("  ", "NAME", "COUNTERS");
        counters.sums().forEach((name, records) -> table.row(name, ObjectCounters.text(records)));
        sb.append(table.render());
        for (final CountersReader.ProcessFile file : files)
        {
            if (file.notCounted() != 0 || file.problem() != null)
            {
                sb.append("  ").append(file.path().getFileName()).append(": ")
                    .append(file.problem() != null ? "DAMAGED: " + file.problem() : "")
                    .append(file.notCounted() != 0 ? (file.problem() != null ? "; " : "") + file.notCounted() +
                    " objects not counted (every record taken)" : "").append('\n');
            }
        }
        if (perProcess)
        {
            sb.append("\ncounters by process:\n");
            final Table byProcess = Table.indented("  ", "PID", "ALIVE", "STARTED", "NAME", "COUNTERS");
            for (final CountersReader.ProcessFile file : files)
            {
                for (final CountersReader.Record record : file.records())
                {
                    byProcess.row(file.process() == null ? "?" : file.process().pid(), Formats.yesNo(file.alive()),
                        file.process() == null ? "?" : Formats.time(file.process().startMillis()), record.object(),
                        ObjectCounters.text(List.of(record)));
                }
            }
            sb.append(byProcess.render());
        }
    }

    private static String emptyToDash(final String text)
    {
        return text.isEmpty() ? "-" : text;
    }
}
