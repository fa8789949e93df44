package io.mmipc.cli.command;

import io.mmipc.cli.CliException;
import io.mmipc.cli.ExitCodes;
import io.mmipc.cli.read.ContextInfo;
import io.mmipc.cli.text.Json;
import io.mmipc.cli.text.Table;
import io.mmipc.internal.dir.ContextDirectory;
import io.mmipc.internal.file.Names;
import io.mmipc.internal.file.SharedFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code mmipc clean [ROOT]}: removes the contexts nobody uses any more.
 */
@Command(
    name = "clean",
    mixinStandardHelpOptions = true,
    description = {
        "Removes the contexts that no live process uses.",
        "Without --named: the contexts under ROOT that mmipc's own sweep removes (the creator is dead and the "
            + "context is not persistent, or it was abandoned while being made: no marker for a minute), unless a "
            + "live process still takes part in them (a live entry in their participant registry).",
        "With --named, removes only the contexts named, persistent ones too, unless a live process uses them "
            + "(a live creator or a live participant).",
        "Never removes a context a live process uses, nor a directory that is not an mmipc context; --dry-run "
            + "lists exactly what would go."
    })
public final class CleanCommand implements Callable<Integer>
{
    private static final String NOT_A_CONTEXT = "no readable context marker, and files of its own: left alone";

    private record Outcome(String name, Path path, String action, String reason)
    {
    }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ROOT",
        description = "Where contexts are made (default: -Dmmipc.root, else /dev/shm/mmipc-$USER).")
    private Path root;

    @Option(names = "--dry-run", description = "List what would be removed; remove nothing.")
    private boolean dryRun;

    @Option(names = "--named", paramLabel = "NAME", arity = "1..*",
        description = "Remove these contexts (by name under ROOT) instead of the abandoned ones.")
    private List<String> named = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON instead of a table.")
    private boolean json;

    @Override
    public Integer call()
    {
        final Path dir = Locations.root(root);
        for (final String name : named)
        {
            if (!Names.isValid(name))
            {
                throw new ParameterException(spec.commandLine(), "--named " + name + ": not a context name " +
                    "([A-Za-z0-9._-], no path)");
            }
        }
        final List<Outcome> outcomes = new ArrayList<>();
        int exit = ExitCodes.OK;
        if (named.isEmpty())
        {
            for (final ContextInfo context : scan(dir))
            {
                if (context.creator() == null && !halfMade(context.path()))
                {
                    if (ContextDirectory.pastGrace(context.path()))
                    {
                        outcomes.add(new Outcome(context.name(), context.path(), "kept", NOT_A_CONTEXT));
                    }
                }
                else if (ContextDirectory.isAbandoned(context.path()))
                {
                    outcomes.add(context.inUse() ? kept(context) : remove(context, abandonedReason(context)));
                }
            }
        }
        else
        {
            for (final String name : named)
            {
                final Path path = dir.resolve(name);
                if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                {
                    outcomes.add(new Outcome(name, path, "not found", "no context directory " + path));
                    exit = Math.max(exit, ExitCodes.NOT_FOUND);
                    continue;
                }
                final ContextInfo context = ContextInfo.read(path);
                if (context.inUse())
                {
                    outcomes.add(kept(context));
                    exit = exit == ExitCodes.OK ? ExitCodes.ERROR : exit;
                }
                else if (context.creator() == null && !(ContextDirectory.isAbandoned(path) && halfMade(path)))
                {
                    outcomes.add(new Outcome(name, path, "kept", NOT_A_CONTEXT));
                    exit = exit == ExitCodes.OK ? ExitCodes.ERROR : exit;
                }
                else
                {
                    outcomes.add(remove(context, "named" + (context.creator() != null ?
                        ", creator pid " + context.creator().pid() + " is dead" : "")));
                }
            }
        }
        for (final Outcome outcome : outcomes)
        {
            if (outcome.action().startsWith("failed"))
            {
                exit = exit == ExitCodes.OK ? ExitCodes.ERROR : exit;
            }
        }
        print(dir, outcomes);
        return exit;
    }

    private static List<ContextInfo> scan(final Path dir)
    {
        try
        {
            return ContextInfo.scan(dir);
        }
        catch (final IOException ex)
        {
            throw new CliException(ExitCodes.ERROR, "cannot list " + dir + ": " + ex);
        }
    }

    /**
     * A directory without a marker is a context abandoned while being made only when it holds
     * nothing but files under mmipc's temporary names; anything else is not the tool's to remove,
     * whatever root it was pointed at.
     */
    private static boolean halfMade(final Path dir)
    {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir))
        {
            for (final Path entry : entries)
            {
                if (!SharedFiles.isTemporaryName(entry.getFileName().toString()) ||
                    !Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS))
                {
                    return false;
                }
            }
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static String abandonedReason(final ContextInfo context)
    {
        return context.creator() != null ? "creator pid " + context.creator().pid() + " is dead" :
            "no marker for over a minute: abandoned while being made";
    }

    private static Outcome kept(final ContextInfo context)
    {
        final List<Long> pids = context.livePids();
        final String reason;
        if (!pids.isEmpty())
        {
            reason = "in use by " + (pids.size() == 1 ? "pid " : "pids ") + pids.toString().replaceAll("[\\[\\]]", "");
        }
        else
        {
            reason = "its participant registry cannot be read" + (context.participants() != null &&
                context.participants().problem() != null ? ": " + context.participants().problem() : "");
        }
        return new Outcome(context.name(), context.path(), "kept", reason);
    }

    private Outcome remove(final ContextInfo context, final String reason)
    {
        if (dryRun)
        {
            return new Outcome(context.name(), context.path(), "would remove", reason);
        }
        try
        {
            ContextDirectory.deleteRecursively(context.path());
            return new Outcome(context.name(), context.path(), "removed", reason);
        }
        catch (final IOException ex)
        {
            return new Outcome(context.name(), context.path(), "failed", "cannot remove it: " + ex);
        }
    }

    private void print(final Path dir, final List<Outcome> outcomes)
    {
        final PrintWriter out = spec.commandLine().getOut();
        if (json)
        {
            final Map<String, Object> report = new LinkedHashMap<>();
            report.put("root", dir.toString());
            report.put("dryRun", dryRun);
            final List<Object> list = new ArrayList<>();
            for (final Outcome outcome : outcomes)
            {
                final Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", outcome.name());
                entry.put("path", outcome.path().toString());
                entry.put("action", outcome.action());
                entry.put("reason", outcome.reason());
                list.add(entry);
            }
            report.put("contexts", list);
            out.print(Json.write(report));
        }
        else if (outcomes.isEmpty())
        {
            out.println("nothing to clean under " + dir);
        }
        else
        {
            final Table table = new Table("ACTION", "NAME", "REASON");
            outcomes.forEach(outcome -> table.row(outcome.action(), outcome.name(), outcome.reason()));
            out.print(table.render());
        }
        out.flush();
    }
}
