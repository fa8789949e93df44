package io.mmipc.internal.file;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Names of shared objects and context directories: {@code [A-Za-z0-9._-]}, 1 to {@value #MAX_LENGTH}
 * characters, never {@code "."} or {@code ".."}. A name is a single path element, so no name can
 * reach outside its directory.
 * <p>
 * Every file name mmipc derives from a name (temporary, spill, marker and tailer names) is made by
 * {@link #derive}, which keeps it within the {@value #MAX_FILE_NAME_BYTES}-byte limit of Linux
 * file systems whatever the name, pid and sequence number:
 * <pre>
 *   fits:       | base (as given)                          | suffix |
 *   too long:   | base, cut short | '~' | 16 hex of SHA-256(base) | suffix |   = 255 bytes
 * </pre>
 */
public final class Names
{
    public static final int MAX_LENGTH = 200;

    /** The longest file name Linux file systems take ({@code NAME_MAX}), in bytes. */
    public static final int MAX_FILE_NAME_BYTES = 255;

    /** The longest suffix {@link #derive} takes: it keeps at least this much of a cut base. */
    public static final int MAX_SUFFIX_LENGTH = 200;

    private static final char HASH_MARK = '~';
    private static final int HASH_HEX_DIGITS = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Names()
    {
    }

    /**
     * @param what  what the name is for, used in the message ("queue name", "context name").
     * @param name  the name to check.
     * @return the name, when valid.
     * @throws IllegalArgumentException naming the bad name and the rule it breaks.
     */
    public static String validate(final String what, final String name)
    {
        if (name == null)
        {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (name.isEmpty())
        {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (name.length() > MAX_LENGTH)
        {
            throw new IllegalArgumentException(
                what + " is " + name.length() + " characters, the limit is " + MAX_LENGTH + ": \"" +
                name.substring(0, 40) + "...\"");
        }
        if (name.equals(".") || name.equals(".."))
        {
            throw new IllegalArgumentException(what + " must not be \"" + name + "\"");
        }
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (!isAllowed(c))
            {
                throw new IllegalArgumentException(
                    what + " \"" + printable(name) + "\" has the character '" + printable(String.valueOf(c)) +
                    "' at index " + i + "; allowed are A-Z a-z 0-9 . _ -");
            }
        }
        return name;
    }

    public static boolean isValid(final String name)
    {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || name.equals(".") || name.equals(".."))
        {
            return false;
        }
        for (int i = 0; i < name.length(); i++)
        {
            if (!isAllowed(name.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Derives a file name from {@code base} (a valid name, or a name derived from one) and the
     * parts of a suffix that mmipc adds (a marker such as {@code "~spill-"}, numbers). It is
     * {@code base + suffix} when that fits {@value #MAX_FILE_NAME_BYTES} bytes; otherwise the base
     * is cut short and followed by {@code '~'} and 16 hex digits of a SHA-256 of the whole base, so
     * that the result is exactly {@value #MAX_FILE_NAME_BYTES} bytes. The suffix is always kept
     * whole (markers stay recognisable), the same inputs give the same name in every process, and
     * two bases differ in the result unless their hashes collide in 64 bits.
     *
     * @throws IllegalArgumentException when a part is not printable ASCII or holds a '/', or the
     *                                  suffix is longer than {@value #MAX_SUFFIX_LENGTH}.
     */
    public static String derive(final String base, final String... suffixParts)
    {
        checkPart("base name", base);
        if (base.isEmpty())
        {
            throw new IllegalArgumentException("base name must not be empty");
        }
        final StringBuilder suffix = new StringBuilder();
        for (final String part : suffixParts)
        {
            checkPart("suffix part", part);
            suffix.append(part);
        }
        if (suffix.length() > MAX_SUFFIX_LENGTH)
        {
            throw new IllegalArgumentException("suffix \"" + suffix + "\" is " + suffix.length() +
                " characters, the limit is " + MAX_SUFFIX_LENGTH);
        }
        if (base.length() + suffix.length() <= MAX_FILE_NAME_BYTES)
        {
            return base + suffix;
        }
        final int keep = MAX_FILE_NAME_BYTES - suffix.length() - 1 - HASH_HEX_DIGITS;
        final StringBuilder name = new StringBuilder(MAX_FILE_NAME_BYTES).append(base, 0, keep).append(HASH_MARK);
        final byte[] digest = sha256(base);
        for (int i = 0; i < HASH_HEX_DIGITS / 2; i++)
        {
            name.append(HEX[(digest[i] >> 4) & 0xF]).append(HEX[digest[i] & 0xF]);
        }
        return name.append(suffix).toString();
    }

    /**
     * @throws IllegalArgumentException naming the path, when its last element is longer than
     *                                  {@value #MAX_FILE_NAME_BYTES} bytes (the file system would
     *                                  refuse it with "File name too long").
     */
    public static Path checkFileName(final Path path)
    {
        final Path fileName = path.getFileName();
        final int bytes = fileName == null ? 0 : fileName.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_FILE_NAME_BYTES)
        {
            throw new IllegalArgumentException("file name of " + bytes + " bytes is longer than the " +
                MAX_FILE_NAME_BYTES + " a file system takes: " + path + " (derive names with Names.derive)");
        }
        return path;
    }

    private static void checkPart(final String what, final String part)
    {
        if (part == null)
        {
            throw new IllegalArgumentException(what + " must not be null");
        }
        for (int i = 0; i < part.length(); i++)
        {
            final char c = part.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '/')
            {
                throw new IllegalArgumentException(what + " \"" + printable(part) + "\" has the character '" +
                    printable(String.valueOf(c)) + "' at index " + i + "; derived names are printable ASCII without '/'");
            }
        }
    }

    private static byte[] sha256(final String s)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every Java platform has SHA-256", ex);
        }
    }

    private static boolean isAllowed(final char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '.' || c == '_' || c == '-';
    }

    private static String printable(final String s)
    {
        final StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f)
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
