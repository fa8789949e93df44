package io.mmipc.cli.describe;

import io.mmipc.cli.read.Participants;
import io.mmipc.internal.owner.OwnerWordDescriptor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who holds an owner word ({@link OwnerWordDescriptor}: a lock, an rlock, a dict stripe), as the
 * word and the directory's participant registry tell it.
 *
 * @param role     what the word guards: "lock", "stripe 3".
 * @param word     the word as read.
 * @param pid      the holder's pid, 0 when its registry entry no longer names it.
 * @param startMillis the holder's process start time (epoch ms), 0 when unknown.
 * @param alive    whether the holder's process runs.
 * @param localId  the holder within its process (a thread id for locks).
 * @param tookOver the holder took the word over from a dead one (it is told {@code EOWNERDEAD}).
 * @param corrupt  the word is not one mmipc writes.
 */
public record Holder(String role, long word, long pid, long startMillis, boolean alive, long localId, boolean tookOver,
    boolean corrupt)
{
    /**
     * @return the holder of {@code word}, or null when the word is free.
     */
    public static Holder of(final String role, final long word, final Participants participants)
    {
        if (word == OwnerWordDescriptor.FREE)
        {
            return null;
        }
        if (!OwnerWordDescriptor.isWellFormed(word))
        {
            return new Holder(role, word, 0, 0, false, 0, false, true);
        }
        final Participants.Participant participant = participants.byToken(OwnerWordDescriptor.token(word));
        return new Holder(role, word, participant == null ? 0 : participant.pid(),
            participant == null ? 0 : participant.startMillis(), participant != null && participant.alive(), OwnerWordDescriptor.localId(word),
            OwnerWordDescriptor.died(word), false);
    }

    /**
     * @return "pid 4242 (alive), thread 1", "pid 4242 (dead)", "a process that left (dead)", ...
     */
    public String text()
    {
        if (corrupt)
        {
            return "corrupt owner word 0x" + Long.toHexString(word);
        }
        final String who = pid != 0 ? "pid " + pid + (alive ? " (alive)" : " (dead)") :
            "a process no longer in the registry (dead)";
        return who + ", " + (role.contains("lock") || role.startsWith("stripe") ? "thread " : "id ") + localId +
            (tookOver ? ", took over from a dead holder" : "");
    }

    public Map<String, Object> toJson()
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("role", role);
        json.put("word", "0x" + Long.toHexString(word));
        json.put("corrupt", corrupt);
        json.put("pid", pid == 0 ? null : pid);
        json.put("startMillis", startMillis == 0 ? null : startMillis);
        json.put("alive", alive);
        json.put("localId", corrupt ? null : localId);
        json.put("tookOver", tookOver);
        return json;
    }
}
