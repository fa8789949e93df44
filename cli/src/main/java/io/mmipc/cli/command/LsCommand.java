package io.mmipc.cli.command;

import io.mmipc.cli.read.ContextInfo;
import io.mmipc.cli.text.Formats;
import io.mmipc.cli.text.Json;
import io.mmipc.cli.text.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code mmipc ls [ROOT]}: the contexts under a root.
 */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description = {
        "Lists the contexts under a root.",
        "For each: name, creator pid and whether it lives, persistent or not, live participants (USERS), files, "
            + "size and age.",
        "A context whose creator is dead and that no live participant uses is what 'mmipc clean' removes."
    })
public final class LsCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ROOT",
        description = "Where contexts are made (default: -Dmmipc.root, else /dev/shm/mmipc-$USER).")
    private Path root;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    private boolean json;

    @Override
    public Integer call() throws Exception
    {
        final Path dir = Locations.root(root);
        final List<ContextInfo> contexts = ContextInfo.scan(dir);
        final long now = System.currentTimeMillis();
        final PrintWriter out = spec.commandLine().getOut();
        if (json)
        {
            final Map<String, Object> report = new LinkedHashMap<>();
            report.put("root", dir.toString());
            report.put("rootExists", Files.isDirectory(dir));
            final List<Object> list = new ArrayList<>();
            contexts.forEach(context -> list.add(context.toJson(now)));
            report.put("contexts", list);
            out.print(Json.write(report));
        }
        else if (contexts.isEmpty())
        {
            out.println("no contexts under " + dir + (Files.isDirectory(dir) ? "" : " (it does not exist)"));
        }
        else
        {
            out.println(dir + ": " + contexts.size() + (contexts.size() == 1 ? " context" : " contexts"));
            final Table table = new Table("NAME", "CREATOR", "ALIVE", "PERSISTENT", "USERS", "FILES", "SIZE", "AGE",
                "NOTE");
            for (final ContextInfo context : contexts)
            {
                table.row(context.name(),
                    context.creator() == null ? null : context.creator().pid(),
                    context.creator() == null ? null : Formats.yesNo(context.creatorAlive()),
                    Formats.yesNo(context.persistent()),
                    context.liveParticipants(),
                    context.files(),
                    Formats.size(context.bytes()),
                    context.createdAtMillis() == 0 ? null : Formats.age(now - context.createdAtMillis()),
                    context.problem());
            }
            out.print(table.render());
        }
        out.flush();
        return 0;
    }
}
