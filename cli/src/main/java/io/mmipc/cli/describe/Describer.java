package io.mmipc.cli.describe;

import io.mmipc.cli.read.FileBytes;
import io.mmipc.cli.read.Participants;
import io.mmipc.internal.file.SharedFileHeader;

import java.io.IOException;

/**
 * Reads one kind of mmipc file for the tool: names its header parameters, checks that the file
 * is as long as its layout needs, and reads its body through the offsets of the kind's
 * {@code *Descriptor}. One per kind, registered in {@link Describers}; the live counters of the
 * primitives plug in here as more {@link ObjectState#field fields}.
 * <p>
 * A describer reads a snapshot of words that other processes keep writing: it checks what it
 * reads and reports nonsense as a {@link ObjectState#problem problem}, never trusting a length.
 */
public interface Describer
{
    /**
     * @return what the object is, for people: "lock", "queue 1:1", "value int64".
     */
    String label(SharedFileHeader header);

    /**
     * @return the name of parameter {@code index}, or null when this kind does not use it.
     */
    String paramName(SharedFileHeader header, int index);

    /**
     * @return null when the file's body is as long as the layout its parameters describe needs,
     *         else what is wrong (bad parameters, or the body too short).
     */
    String layoutProblem(SharedFileHeader header);

    /**
     * Reads the body. Called only when {@link #layoutProblem} found nothing wrong.
     */
    void read(SharedFileHeader header, FileBytes file, Participants participants, ObjectState out) throws IOException;
}
