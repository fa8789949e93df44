package io.mmipc.cli.describe;

import io.mmipc.cli.read.RawHeader;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.owner.ProcessIdentity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One file as the tool saw it: header fields, named parameters, what its body holds, and what
 * is wrong with it.
 *
 * @param label  what the object is, for people ("lock", "queue 1:1"; "?" when not an mmipc file).
 * @param damage what is wrong with the file, or null.
 */
public record ObjectView(Path path, RawHeader raw, String label, Map<String, Long> params, ObjectState state,
    String damage)
{
    public String name()
    {
        return path.getFileName().toString();
    }

    public boolean damaged()
    {
        return damage != null;
    }

    /**
     * @return "capacity=4096 maxMessageLength=512", or "-" when none.
     */
    public String paramsText()
    {
        if (params.isEmpty())
        {
            return "-";
        }
        final StringBuilder sb = new StringBuilder();
        params.forEach((name, value) -> sb.append(sb.length() == 0 ? "" : " ").append(name.replace(' ', '_'))
            .append('=').append(value));
        return sb.toString();
    }

    /**
     * @return the creator the header names, or null for a file without mmipc's magic.
     */
    public ProcessIdentity creator()
    {
        return raw.hasMagic() ? new ProcessIdentity(raw.creatorPid(), raw.creatorStartMillis()) : null;
    }

    /**
     * @return what the problems of the body read add up to, with the damage first.
     */
    public List<String> problems()
    {
        final List<String> problems = new ArrayList<>();
        if (damage != null)
        {
            problems.add(damage);
        }
        problems.addAll(state.problems());
        return problems;
    }

    public Map<String, Object> toJson()
    {
        final ObjectKind kind = raw.hasMagic() ? raw.kind() : null;
        final ProcessIdentity creator = creator();
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name());
        json.put("path", path.toString());
        json.put("kind", kind == null ? null : kind.name());
        json.put("kindCode", raw.hasMagic() ? raw.kindCode() : null);
        json.put("label", label);
        json.put("layoutVersion", raw.hasMagic() ? raw.version() : null);
        json.put("params", new LinkedHashMap<String, Object>(params));
        json.put("typeTag", raw.hasMagic() ? raw.typeTag() : null);
        json.put("creatorPid", creator == null ? null : creator.pid());
        json.put("creatorStartMillis", creator == null ? null : creator.startMillis());
        json.put("creatorAlive", creator != null && creator.isAlive());
        json.put("createdAtMillis", raw.hasMagic() ? raw.createdAtMillis() : null);
        json.put("headerLength", raw.hasMagic() ? raw.headerLength() : null);
        json.put("totalLength", raw.hasMagic() ? raw.totalLength() : null);
        json.put("fileSize", raw.fileSize());
        json.put("state", new LinkedHashMap<>(state.fields()));
        final List<Object> holders = new ArrayList<>();
        state.holders().forEach(holder -> holders.add(holder.toJson()));
        json.put("holders", holders);
        json.put("damaged", damaged());
        json.put("reason", raw.problem() != null ? raw.problem().reason().name() : damaged() ? "LAYOUT" : null);
        json.put("problems", new ArrayList<Object>(problems()));
        return json;
    }
}
