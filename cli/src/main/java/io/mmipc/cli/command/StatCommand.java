package io.mmipc.cli.command;

import io.mmipc.DurableLog;
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
import io.mmipc.internal.spi.DurableLogProvider;
import io.mmipc.internal.spi.Providers;
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
        description = "A context directory, or a context's name under the root; or a durable log's directory "
            + "(or name under the log root): its entries, named tailers (acknowledged index, lag, holder) and readers.")
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
        final Path dir = resolve();
        final PrintWriter out = spec.commandLine().getOut();
        final boolean log = LogStat.isLog(dir);
        if (log)
        {
            // The provider's initialiser switches Chronicle's analytics off before any Chronicle class loads.
            Providers.get(DurableLogProvider.class, DurableLog.MODULE);
        }
        if (watch == null)
        {
            if (log)
            {
                final LogStat stat = LogStat.take(dir);
                printLog(out, stat, false);
                return stat.damaged() ? ExitCodes.DAMAGED : ExitCodes.OK;
            }
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
                if (log)
                {
                    printLog(out, LogStat.take(dir), true);
                    continue;
                }
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

    /**
     * @return the context directory, else the log directory, that {@link #context} names.
     */
    private Path resolve() throws NoSuchFileException
    {
        try
        {
            return Locations.context(context, root);
        }
        catch (final NoSuchFileException notContext)
        {
            try
            {
                return Locations.log(context);
            }
            catch (final NoSuchFileException notLog)
            {
                throw notContext;
            }
        }
    }

    private void printLog(final PrintWriter out, final LogStat stat, final boolean watching)
    {
        final long now = System.currentTimeMillis();
        if (json)
        {
            final Map<String, Object> report = stat.toJson(now);
            out.print(watching ? Json.writeLine(report) + "\n" : Json.write(report));
        }
        else
        {
            out.print((watching ? CLEAR_HOME + Formats.time(now) + "  every " + watch + "s\n" : "") + stat.render(now));
        }
        out.flush();
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
