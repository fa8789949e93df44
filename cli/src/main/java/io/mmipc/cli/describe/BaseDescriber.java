package io.mmipc.cli.describe;

import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.file.SharedFileHeader;

/**
 * What describers share: parameter names by index, and the length check.
 */
abstract class BaseDescriber implements Describer
{
    private final String[] paramNames;

    BaseDescriber(final String... paramNames)
    {
        this.paramNames = paramNames.clone();
    }

    @Override
    public String paramName(final SharedFileHeader header, final int index)
    {
        return index < paramNames.length ? paramNames[index] : null;
    }

    @Override
    public String layoutProblem(final SharedFileHeader header)
    {
        return null;
    }

    /**
     * @return null when the body holds {@code bodyLength} bytes, else the problem, naming {@code layout}.
     */
    static String needs(final SharedFileHeader header, final long bodyLength, final String layout)
    {
        if (header.bodyLength() >= bodyLength)
        {
            return null;
        }
        return "length shorter than the layout: the body is " + header.bodyLength() + " bytes, " + layout + " needs " +
            bodyLength;
    }

    /**
     * @return the file offset of body offset {@code offset}.
     */
    static long body(final long offset)
    {
        return SharedFileDescriptor.HEADER_LENGTH + offset;
    }

    /**
     * @return null when the layout version a kind stores in parameter {@code param} is
     *         {@code expected}, else the problem, with both versions.
     */
    static String versionProblem(final SharedFileHeader header, final int param, final String what, final int expected)
    {
        final long version = header.param(param);
        return version == expected ? null :
            what + " layout version " + version + "; this mmipc reads version " + expected;
    }
}
